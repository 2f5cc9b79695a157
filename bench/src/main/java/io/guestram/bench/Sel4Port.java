package io.guestram.bench;

import io.guestram.Chunk;
import io.guestram.ChunkMemory;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.U64;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libsel4vm's guest RAM algorithm ({@code libsel4vm/src/guest_ram.c}, see
 * shared/reference/libsel4vm-behaviour.md), ported line by line to Java so that the benchmark can
 * run it beside the optimized implementation. It is the yardstick, not a profile: the sel4
 * profile's oracle is {@link io.guestram.model.Sel4Model}, which also models the reservation
 * layer and the mapped pages.
 *
 * <p>What is ported as the C code does it:
 * <ul>
 *   <li>one flat array of {@code struct vm_ram_region {start, size, allocated}}, 24 bytes an entry
 *       (here three longs an entry in one {@code long[]}), grown and shrunk by exactly one entry
 *       per push and remove ({@code realloc}; Java cannot grow in place, so each is a copy);</li>
 *   <li>every change appends at the end, then sorts the whole array with glibc's {@code qsort}
 *       (a top-down merge sort, {@code msort_with_tmp}, which glibc uses for arrays of 24-byte
 *       elements), then collapses contiguous entries with the same flag in one pass;</li>
 *   <li>linear scans: first fit for allocate, the first containing entry for mark_allocated and
 *       touch ({@code is_ram_region}), strict {@code >} for the largest free entry.</li>
 * </ul>
 *
 * <p>Where the port departs from C, it does so in C's favour, never against it: register_at does
 * not run the reservation layer beneath guest_ram.c (its overlap checks), the merge sort reuses
 * one scratch buffer where glibc mallocs one per call, pages are not mapped and unmapped around
 * each touch callback, and guest memory is backed lazily by 4 KiB frames instead of eagerly.
 *
 * <p>libsel4vm's own {@code vm_ram_free} does nothing. The port's {@link #free} is written in the
 * same style as mark_allocated: find the first entry holding the range, and if it is allocated,
 * remove it, push the three pieces (allocated, free, allocated), sort and collapse. Calls that
 * fail silently in C (mark_allocated, free) return normally here; those that return 0 or -1 throw
 * {@link GuestRamException}, so that the port speaks the same {@link GuestRam} API.
 *
 * <p>Not thread-safe.
 */
public final class Sel4Port implements GuestRam {

    /** Longs per entry: start, size, allocated (0 or 1). */
    static final int STRIDE = 3;

    private static final int FRAME_BITS = 12;
    private static final int FRAME_SIZE = 1 << FRAME_BITS;

    private final Config config;
    private final long[] bumps;
    /** {@code vm->mem.ram_regions}: exactly {@code STRIDE * count} longs, as realloc leaves it. */
    private long[] regions = new long[0];
    private int count;
    /** msort's temporary buffer, kept between sorts. */
    private long[] scratch = new long[0];
    private final Map<Long, byte[]> frames = new HashMap<>();

    /** An empty guest RAM: {@code num_ram_regions = 0; ram_regions = malloc(0)} (boot.c:37-38). */
    public Sel4Port(Config config) {
        this.config = config;
        this.bumps = config.windows().stream().mapToLong(Window::first).toArray();
    }

    /**
     * A port whose array is {@code pieces} as they are, for benchmarks that need 10^6 entries:
     * pushing them one by one would cost O(n^2 log n). The pieces must be what the C code would
     * hold after registering and marking them: sorted, disjoint, collapsed.
     */
    public static Sel4Port of(Config config, long[] firsts, long[] sizes, boolean[] allocated) {
        Sel4Port port = new Sel4Port(config);
        int n = firsts.length;
        port.regions = new long[STRIDE * n];
        for (int i = 0; i < n; i++) {
            port.regions[STRIDE * i] = firsts[i];
            port.regions[STRIDE * i + 1] = sizes[i];
            port.regions[STRIDE * i + 2] = allocated[i] ? 1 : 0;
        }
        port.count = n;
        return port;
    }

    @Override
    public Config config() {
        return config;
    }

    /** The entries in array order, each {@code {start, size, allocated}}. */
    public List<long[]> entries() {
        List<long[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new long[] {start(i), size(i), regions[STRIDE * i + 2]});
        }
        return list;
    }

    // vm_ram_register_at (2.2): expand_guest_ram_region; the reservation layer is not ported.
    @Override
    public void registerAt(long start, long size, boolean untyped) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "vspace refuses a reservation of 0 bytes");
        }
        expand(start, size);
    }

    // vm_ram_register (2.1): first anonymous window whose bump pointer leaves room.
    @Override
    public long register(long size) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "register(0) records nothing and returns 0");
        }
        long page = config.pageSize();
        long rounded = (size + page - 1) & -page;
        for (int i = 0; i < bumps.length; i++) {
            Window w = config.windows().get(i);
            long base = (bumps[i] + page - 1) & -page;
            if (U64.atMost(w.first(), base) && U64.atMost(base, w.last())
                    && U64.atMost(rounded - 1, w.last() - base)) {
                bumps[i] = base + rounded;
                expand(base, size);
                return base;
            }
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no anonymous window has room");
    }

    // vm_ram_mark_allocated (2.3, guest_ram.c:217-243).
    @Override
    public void markAllocated(long start, long size) {
        int i = containing(start, size);
        if (i < 0 || allocated(i)) {
            return;
        }
        long rStart = start(i);
        long rSize = size(i);
        remove(i);
        push(rStart, start - rStart, 0);
        push(start, size, 1);
        push(start + size, rSize - size - (start - rStart), 0);
        sortAndCollapse();
    }

    // vm_ram_allocate (2.4, guest_ram.c:245-257): first fit, carved from the front.
    @Override
    public long allocate(long size) {
        for (int i = 0; i < count; i++) {
            if (!allocated(i) && U64.atMost(size, size(i))) {
                long address = start(i);
                markAllocated(address, size);
                return address;
            }
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no free entry holds " + U64.hex(size) + " bytes");
    }

    /**
     * Not libsel4vm's {@code vm_ram_free}, which is a no-op: the free it would need, written as
     * mark_allocated is. The first entry holding the range, if allocated, is split into
     * allocated, free, allocated; then sort and collapse. Anything else is silently ignored.
     */
    @Override
    public void free(long start, long size) {
        int i = containing(start, size);
        if (i < 0 || !allocated(i)) {
            return;
        }
        long rStart = start(i);
        long rSize = size(i);
        remove(i);
        push(rStart, start - rStart, 1);
        push(start, size, 0);
        push(start + size, rSize - size - (start - rStart), 1);
        sortAndCollapse();
    }

    // vm_ram_find_largest_free_region (2.6, guest_ram.c:187-215): strict >, lowest address on ties.
    @Override
    public Region findLargestFreeRegion() {
        int best = -1;
        long largest = 0;
        for (int i = 0; i < count; i++) {
            if (!allocated(i) && U64.lessThan(largest, size(i))) {
                largest = size(i);
                best = i;
            }
        }
        if (best < 0) {
            throw new GuestRamException(ErrorCode.NO_FREE_REGION, "no free entry");
        }
        return new Region(start(best), largest);
    }

    // vm_ram_touch (2.7, guest_ram.c:158-185): one entry must hold the range; page-aligned guest_addr.
    @Override
    public int touch(long address, long size, TouchCallback callback) {
        if (containing(address, size) < 0) {
            throw new GuestRamException(ErrorCode.NOT_RAM, "no single entry holds the range");
        }
        long page = config.pageSize();
        long end = address + size;
        for (long current = address; U64.lessThan(current, end); ) {
            long aligned = U64.alignDown(current, page);
            long next = U64.min(end, aligned + page);
            int result = callback.onChunk(new Chunk(aligned, next - current, current - address),
                    new FrameView(current, (int) (next - current)));
            if (result != 0) {
                return result;
            }
            current = next;
        }
        return 0;
    }

    /** vm_guest_ram_read_callback (2.8): every chunk lands at the start of the buffer. */
    @Override
    public byte[] read(long address, int size) {
        byte[] buffer = new byte[size];
        touch(address, size, (chunk, memory) -> {
            memory.copyTo(buffer, 0);
            return 0;
        });
        return buffer;
    }

    /** vm_guest_ram_write_callback (2.8): every chunk receives the head of the buffer. */
    @Override
    public void write(long address, byte[] data) {
        touch(address, data.length, (chunk, memory) -> {
            memory.copyFrom(data, 0);
            return 0;
        });
    }

    @Override
    public List<Piece> memoryMap() {
        List<Piece> pieces = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pieces.add(new Piece(start(i), start(i) + size(i) - 1, allocated(i)));
        }
        return pieces;
    }

    private long start(int i) {
        return regions[STRIDE * i];
    }

    private long size(int i) {
        return regions[STRIDE * i + 1];
    }

    private boolean allocated(int i) {
        return regions[STRIDE * i + 2] != 0;
    }

    /** is_ram_region (guest_ram.c:114-125): the first entry with start <= addr and end >= addr + size. */
    private int containing(long address, long size) {
        long end = address + size;
        for (int i = 0; i < count; i++) {
            long s = regions[STRIDE * i];
            if (U64.atMost(s, address) && U64.atMost(end, s + regions[STRIDE * i + 1])) {
                return i;
            }
        }
        return -1;
    }

    /** expand_guest_ram_region (guest_ram.c:97-112): push a free entry, qsort, collapse. */
    private void expand(long start, long size) {
        push(start, size, 0);
        sortAndCollapse();
    }

    /** push_guest_ram_region (guest_ram.c:28-45): realloc by one, append at the end; size 0 pushes nothing. */
    private void push(long start, long size, long allocated) {
        if (size == 0) {
            return;
        }
        regions = Arrays.copyOf(regions, STRIDE * (count + 1));
        regions[STRIDE * count] = start;
        regions[STRIDE * count + 1] = size;
        regions[STRIDE * count + 2] = allocated;
        count++;
    }

    /** guest_ram_remove_region (guest_ram.c:67-77): memmove the tail down, realloc by one less. */
    private void remove(int i) {
        if (i >= count) {
            return;
        }
        System.arraycopy(regions, STRIDE * (i + 1), regions, STRIDE * i, STRIDE * (count - i - 1));
        count--;
        regions = Arrays.copyOf(regions, STRIDE * count);
    }

    /** qsort with ram_region_cmp (guest_ram.c:47-65), then collapse_guest_ram_regions (79-95). */
    private void sortAndCollapse() {
        if (count > 1) {
            if (scratch.length < regions.length) {
                scratch = new long[regions.length];
            }
            msort(0, count);
        }
        for (int i = 1; i < count; ) {
            int a = STRIDE * (i - 1);
            int b = STRIDE * i;
            if (regions[a + 2] == regions[b + 2] && regions[a] + regions[a + 1] == regions[b]) {
                regions[a + 1] += regions[b + 1];
                remove(i);
            } else {
                i++;
            }
        }
    }

    /**
     * glibc's {@code msort_with_tmp} (stdlib/msort.c) on entries {@code [from, from + n)}: sort
     * both halves, merge them into the scratch buffer, copy what was merged back. Every
     * comparison is {@code ram_region_cmp}: start against start, unsigned.
     */
    private void msort(int from, int n) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        msort(from, n1);
        msort(from + n1, n2);
        long[] b = regions;
        long[] t = scratch;
        int b1 = STRIDE * from;
        int b2 = STRIDE * (from + n1);
        int tmp = 0;
        while (n1 > 0 && n2 > 0) {
            int src;
            if (Long.compareUnsigned(b[b1], b[b2]) <= 0) {
                src = b1;
                b1 += STRIDE;
                n1--;
            } else {
                src = b2;
                b2 += STRIDE;
                n2--;
            }
            t[tmp] = b[src];
            t[tmp + 1] = b[src + 1];
            t[tmp + 2] = b[src + 2];
            tmp += STRIDE;
        }
        if (n1 > 0) {
            System.arraycopy(b, b1, t, tmp, STRIDE * n1);
        }
        System.arraycopy(t, 0, b, STRIDE * from, STRIDE * (n - n2));
    }

    /** The bytes of one chunk, backed by 4 KiB frames made on the first non-zero write. */
    private final class FrameView implements ChunkMemory {
        private final long address;
        private final int size;

        FrameView(long address, int size) {
            this.address = address;
            this.size = size;
        }

        @Override
        public void copyTo(byte[] destination, int destinationOffset) {
            for (int done = 0; done < size; ) {
                long at = address + done;
                int within = (int) (at & (FRAME_SIZE - 1));
                int n = Math.min(size - done, FRAME_SIZE - within);
                byte[] frame = frames.get(at >>> FRAME_BITS);
                if (frame == null) {
                    Arrays.fill(destination, destinationOffset + done, destinationOffset + done + n, (byte) 0);
                } else {
                    System.arraycopy(frame, within, destination, destinationOffset + done, n);
                }
                done += n;
            }
        }

        @Override
        public void copyFrom(byte[] source, int sourceOffset) {
            for (int done = 0; done < size; ) {
                long at = address + done;
                int within = (int) (at & (FRAME_SIZE - 1));
                int n = Math.min(size - done, FRAME_SIZE - within);
                byte[] frame = frames.computeIfAbsent(at >>> FRAME_BITS, unused -> new byte[FRAME_SIZE]);
                System.arraycopy(source, sourceOffset + done, frame, within, n);
                done += n;
            }
        }
    }
}
