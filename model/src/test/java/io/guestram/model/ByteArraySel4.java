package io.guestram.model;

import io.guestram.Chunk;
import io.guestram.ChunkMemory;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile sel4 over arrays, a second statement of libsel4vm's behaviour (libsel4vm-behaviour.md
 * sections 2.1-2.8, the README's table of differences) shaped nothing like {@link Sel4Model}: one
 * state per byte (unregistered, free entry, allocated entry), one flag per page for reserved and
 * for mapped pages, a bump pointer per window. libsel4vm's entry array is sorted and collapsed
 * after every change and its entries never overlap (the reservation layer sees to that), so its
 * entries are exactly the maximal runs of bytes in the same state; they are derived from the
 * bytes when a call needs them. Wherever the C code walks something (the map loop of
 * register_at, touch's chunks, the read and write callbacks that ignore the offset), this
 * walks bytes and pages one at a time.
 *
 * <p>Its domain is small: every byte a call names must lie below {@link #SPACE}, and no sum
 * wraps past 2^64. A call outside it throws {@link IllegalStateException}, so that a generator
 * that strays is noticed rather than compared.
 */
public final class ByteArraySel4 implements GuestRam {

    /** Bytes the arrays hold: addresses 0 to SPACE - 1. */
    public static final int SPACE = 1 << 12;

    private static final byte UNREGISTERED = 0;
    private static final byte FREE = 1;
    private static final byte ALLOCATED = 2;

    private final Config config;
    private final int page;
    private final byte[] state = new byte[SPACE];
    private final byte[] memory = new byte[SPACE];
    private final boolean[] reserved;
    private final boolean[] mapped;
    private final long[] bump;

    public ByteArraySel4(Config config) {
        if (config.profile() != Profile.SEL4) {
            throw new IllegalArgumentException("profile sel4 only");
        }
        this.config = config;
        this.page = Math.toIntExact(config.pageSize());
        this.reserved = new boolean[SPACE / page + 1];
        this.mapped = new boolean[SPACE / page + 1];
        this.bump = new long[config.windows().size()];
        for (int i = 0; i < bump.length; i++) {
            Window w = config.windows().get(i);
            inDomain(w.first(), w.last() - w.first() + 1);
            bump[i] = w.first();
        }
    }

    @Override
    public Config config() {
        return config;
    }

    /** Throws unless bytes [start, start + size) all lie below SPACE; returns start as an index. */
    private static int inDomain(long start, long size) {
        if (start < 0 || size < 0 || start + size > SPACE) {
            throw new IllegalStateException("outside the byte-array oracle's domain: " + start + "+" + size);
        }
        return (int) start;
    }

    private long roundUpToPage(long value) {
        return (value + page - 1) / page * page;
    }

    /** A maximal run of registered bytes in one state: one entry of libsel4vm's array. */
    private record Entry(int start, int end, boolean allocated) {}

    /** The entries in address order, which is the array's order. */
    private List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        int a = 0;
        while (a < SPACE) {
            if (state[a] == UNREGISTERED) {
                a++;
                continue;
            }
            int end = a;
            while (end < SPACE && state[end] == state[a]) {
                end++;
            }
            entries.add(new Entry(a, end, state[a] == ALLOCATED));
            a = end;
        }
        return entries;
    }

    /** is_ram_region: the first entry with start <= address and address + size <= its end (inclusive of the end). */
    private Entry holding(long address, long size) {
        inDomain(address, size);
        for (Entry e : entries()) {
            if (e.start() <= address && address + size <= e.end()) {
                return e;
            }
        }
        return null;
    }

    private boolean pageInSomeWindow(int pageIndex) {
        long first = (long) pageIndex * page;
        long last = first + page - 1;
        for (Window w : config.windows()) {
            if (w.first() <= last && first <= w.last()) {
                return true;
            }
        }
        return false;
    }

    // 2.1: first window whose bump pointer, rounded up, leaves room for the rounded size.
    @Override
    public long register(long size) {
        inDomain(0, size);
        long rounded = roundUpToPage(size);
        for (int i = 0; i < bump.length; i++) {
            Window w = config.windows().get(i);
            long base = roundUpToPage(bump[i]);
            long windowSize = w.last() - w.first() + 1;
            // free = size - (base - addr), in size_t: below 0 it wraps to a huge value that fits anything.
            long free = windowSize - (base - w.first());
            boolean fits = free < 0 || rounded <= free;
            if (!fits) {
                continue;
            }
            bump[i] = base + rounded;
            if (size == 0) {
                throw new GuestRamException(ErrorCode.INVALID_RANGE, "register(0) returns 0");
            }
            if (base + rounded - 1 > w.last()) {
                throw new GuestRamException(ErrorCode.NO_SPACE, "mapping outside the window fails");
            }
            inDomain(base, rounded);
            for (long p = base; p < base + size; p += page) {
                mapped[(int) (p / page)] = true;
            }
            for (long b = base; b < base + size; b++) {
                state[(int) b] = FREE;
            }
            return base;
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no window has room");
    }

    // 2.2: reserve the pages [Page(start), RoundUp(start + size)), none reserved or in a window; map; record.
    @Override
    public void registerAt(long start, long size, boolean untyped) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "a reservation of 0 bytes");
        }
        inDomain(start, size);
        int firstPage = (int) (start / page);
        int endPage = (int) (roundUpToPage(start + size) / page);
        for (int p = firstPage; p < endPage; p++) {
            if (reserved[p] || pageInSomeWindow(p)) {
                throw new GuestRamException(ErrorCode.OVERLAP, "page " + p + " is reserved");
            }
        }
        for (int p = firstPage; p < endPage; p++) {
            reserved[p] = true;
        }
        // map_ram_reservation: current = start; current < start + bytes; current += page, mapping current's page.
        for (long current = start; current < start + size; current += page) {
            mapped[(int) (current / page)] = true;
        }
        for (long b = start; b < start + size; b++) {
            state[(int) b] = FREE;
        }
    }

    // 2.3: only a range inside the first entry holding it, and that entry free; silently nothing otherwise.
    @Override
    public void markAllocated(long start, long size) {
        Entry e = holding(start, size);
        if (e == null || e.allocated()) {
            return;
        }
        for (long b = start; b < start + size; b++) {
            state[(int) b] = ALLOCATED;
        }
    }

    // 2.4: the first free entry at least size long, carved from its front.
    @Override
    public long allocate(long size) {
        for (Entry e : entries()) {
            if (!e.allocated() && size <= e.end() - e.start()) {
                markAllocated(e.start(), size);
                return e.start();
            }
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no free entry that long");
    }

    // 2.5: nothing, ever.
    @Override
    public void free(long start, long size) {
    }

    // 2.6: strictly longer wins, so the lowest of equals.
    @Override
    public Region findLargestFreeRegion() {
        Entry best = null;
        for (Entry e : entries()) {
            if (!e.allocated() && (best == null || e.end() - e.start() > best.end() - best.start())) {
                best = e;
            }
        }
        if (best == null) {
            throw new GuestRamException(ErrorCode.NO_FREE_REGION, "no free entry");
        }
        return new Region(best.start(), best.end() - best.start());
    }

    /** The pieces of [address, address + size) that lie in one page each, in order: {first byte, length}. */
    private List<int[]> pagePieces(long address, long size) {
        List<int[]> pieces = new ArrayList<>();
        for (long b = address; b < address + size; b++) {
            boolean newPage = b == address || b % page == 0;
            if (newPage) {
                pieces.add(new int[] {(int) b, 0});
            }
            pieces.get(pieces.size() - 1)[1]++;
        }
        return pieces;
    }

    // 2.7: one entry must hold the range; the callback gets the page's address, the chunk's size and offset.
    @Override
    public int touch(long address, long size, TouchCallback callback) {
        if (holding(address, size) == null) {
            throw new GuestRamException(ErrorCode.NOT_RAM, "no entry holds the range");
        }
        for (int[] piece : pagePieces(address, size)) {
            int first = piece[0];
            int length = piece[1];
            int pageStart = first / page * page;
            if (!mapped[first / page]) {
                return -1;
            }
            int result = callback.onChunk(new Chunk(pageStart, length, first - address), new ChunkMemory() {
                @Override
                public void copyTo(byte[] destination, int offset) {
                    for (int i = 0; i < length; i++) {
                        destination[offset + i] = memory[first + i];
                    }
                }

                @Override
                public void copyFrom(byte[] source, int offset) {
                    for (int i = 0; i < length; i++) {
                        memory[first + i] = source[offset + i];
                    }
                }
            });
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    // 2.8: vm_guest_ram_read_callback copies each chunk to the start of the buffer, ignoring the offset.
    @Override
    public byte[] read(long address, int size) {
        byte[] buffer = new byte[size];
        walkForCopy(address, size, (first, length) -> {
            for (int i = 0; i < length; i++) {
                buffer[i] = memory[first + i];
            }
        });
        return buffer;
    }

    // 2.8: vm_guest_ram_write_callback writes the head of the buffer into each chunk.
    @Override
    public void write(long address, byte[] data) {
        walkForCopy(address, data.length, (first, length) -> {
            for (int i = 0; i < length; i++) {
                memory[first + i] = data[i];
            }
        });
    }

    private interface PieceCopy {
        void copy(int first, int length);
    }

    /** The page pieces a read or write visits; an unmapped page stops the walk and fails the call. */
    private void walkForCopy(long address, long size, PieceCopy copy) {
        if (holding(address, size) == null) {
            throw new GuestRamException(ErrorCode.NOT_RAM, "no entry holds the range");
        }
        for (int[] piece : pagePieces(address, size)) {
            if (!mapped[piece[0] / page]) {
                throw new GuestRamException(ErrorCode.NOT_RAM, "an unmapped page stopped the walk");
            }
            copy.copy(piece[0], piece[1]);
        }
    }

    @Override
    public List<Piece> memoryMap() {
        List<Piece> pieces = new ArrayList<>();
        for (Entry e : entries()) {
            pieces.add(new Piece(e.start(), e.end() - 1, e.allocated()));
        }
        return pieces;
    }
}
