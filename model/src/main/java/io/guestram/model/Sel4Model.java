package io.guestram.model;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.U64;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reference model of profile {@code sel4}: libsel4vm's guest_ram.c as it behaves today, bugs
 * included (see the README's table of differences and libsel4vm-behaviour.md, whose line numbers
 * the comments cite). It keeps what the C code and the layer beneath it keep: the byte-exact,
 * sorted, collapsed array of entries, a bump pointer per anonymous window, the reserved pages
 * and the mapped pages. Arithmetic wraps at 2^64 as {@code uintptr_t} does.
 *
 * <p>The reserved and mapped page sets are kept as runs of bytes ({@link Intervals}), each run
 * whole pages, so that a registration of 2^40 bytes or more costs one run, not a set entry per page.
 *
 * <p>A C failure return is a {@link GuestRamException} here, so that every profile speaks the
 * same API: register and allocate returning 0, register_at, largest and touch returning -1 before
 * any callback. Calls that fail silently in C (mark_allocated, free) return normally. A touch
 * that meets an unmapped page after some callbacks returns -1 as a value, as C does.
 */
public final class Sel4Model implements GuestRam {

    /** One element of {@code vm->mem.ram_regions} (guest_vm.h:63-67). */
    public record Entry(long start, long size, boolean allocated) {}

    /** The pages from the one at {@code firstPage} to the one at {@code lastPage}, both page starts. */
    public record PageRun(long firstPage, long lastPage) {}

    private final Config config;
    private final List<Entry> entries;
    private final long[] bumps;
    private final Intervals reserved;
    private final Intervals mapped;
    private final SparseBytes contents;

    public Sel4Model(Config config) {
        if (config.profile() != Profile.SEL4) {
            throw new IllegalArgumentException("Sel4Model implements profile sel4, not " + config.profile().label());
        }
        this.config = config;
        this.entries = new ArrayList<>();
        this.bumps = config.windows().stream().mapToLong(Window::first).toArray();
        this.reserved = new Intervals();
        this.mapped = new Intervals();
        this.contents = new SparseBytes();
    }

    private Sel4Model(Sel4Model other) {
        this.config = other.config;
        this.entries = new ArrayList<>(other.entries);
        this.bumps = other.bumps.clone();
        this.reserved = other.reserved.copy();
        this.mapped = other.mapped.copy();
        this.contents = other.contents.copy();
    }

    public Sel4Model copy() {
        return new Sel4Model(this);
    }

    @Override
    public Config config() {
        return config;
    }

    /** The entry array, in its order. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Each anonymous window's bump pointer ({@code alloc_addr}), in window order. */
    public List<Long> bumpPointers() {
        List<Long> list = new ArrayList<>();
        for (long b : bumps) {
            list.add(b);
        }
        return list;
    }

    /** Pages reserved by register_at (anonymous windows' pages are reserved implicitly), as runs in address order. */
    public List<PageRun> reservedPages() {
        return pageRuns(reserved);
    }

    /** Pages mapped into the guest, which a touch needs, as runs in address order. */
    public List<PageRun> mappedPages() {
        return pageRuns(mapped);
    }

    private List<PageRun> pageRuns(Intervals pages) {
        return pages.runs().stream().map(run -> new PageRun(run[0], run[1] - page() + 1)).toList();
    }

    private long page() {
        return config.pageSize();
    }

    private long roundUp(long value) {
        return (value + page() - 1) & -page();
    }

    // Register: first anonymous window whose bump pointer leaves room, bump by the rounded size (2.1).
    @Override
    public long register(long size) {
        long rounded = roundUp(size);
        for (int i = 0; i < bumps.length; i++) {
            Window w = config.windows().get(i);
            long base = roundUp(bumps[i]);
            if (fits(w, base, rounded)) {
                bumps[i] = base + rounded;
                if (size == 0) {
                    throw new GuestRamException(ErrorCode.INVALID_RANGE, "register(0) records nothing and returns 0");
                }
                if (U64.lessThan(w.last(), base) || U64.lessThan(w.last() - base, rounded - 1)) {
                    throw new GuestRamException(ErrorCode.NO_SPACE, "mapping outside the window fails; the bump stays advanced");
                }
                map(base, size);
                expand(base, size);
                return base;
            }
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no anonymous window has room");
    }

    /**
     * find_allocable_anon_region: {@code ROUND_UP(bytes) <= free} with {@code free = size - (base - addr)}
     * in size_t, which underflows once the rounded-up bump pointer has passed the window's end.
     */
    private static boolean fits(Window w, long base, long rounded) {
        boolean wholeSpace = w.first() == 0 && w.last() == U64.MAX; // a size of 2^64: only guestram's default
        long free = (w.last() - w.first() + 1) - (base - w.first());
        return (wholeSpace && base == 0) || U64.atMost(rounded, free);
    }

    // RegisterAt: page-granular reservation, then map by walking from the exact start (2.2).
    @Override
    public void registerAt(long start, long size, boolean untyped) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "vspace refuses a reservation of 0 bytes");
        }
        long end = start + size;
        if (end == 0 || U64.lessThan(end, start) || roundUp(end) == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "the page-rounded reservation passes 2^64");
        }
        // PagesOf(start, size): the pages [Page(start), end) meets; end - 1 is below 2^64 - P, checked above.
        long first = U64.alignDown(start, page());
        long last = U64.alignDown(end - 1, page()) + page() - 1;
        if (reserved.intersects(first, last) || meetsAnyWindow(first, last)) {
            throw new GuestRamException(ErrorCode.OVERLAP, "a page of " + U64.hex(first) + ".." + U64.hex(last)
                    + " is already reserved");
        }
        reserved.add(first, last);
        map(start, size);
        expand(start, size);
    }

    /** Some byte of {@code first..last} lies in an anonymous window (then so does a page of it). */
    private boolean meetsAnyWindow(long first, long last) {
        for (Window w : config.windows()) {
            if (U64.atMost(w.first(), last) && U64.atMost(first, w.last())) {
                return true;
            }
        }
        return false;
    }

    /**
     * MappedBy(start, size), size > 0: the mapping walk maps the pages holding start, start + P,
     * ... below start + size, which are the pages from Page(start) to Page(start) + Page(size - 1).
     * With an unaligned start the page holding start + size - 1 can be left out (2.2).
     */
    private void map(long start, long size) {
        long first = U64.alignDown(start, page());
        mapped.add(first, first + U64.alignDown(size - 1, page()) + page() - 1);
    }

    // MarkAllocated: split the first entry that wholly contains the range, unless it is allocated (2.3).
    @Override
    public void markAllocated(long start, long size) {
        int i = containing(start, size);
        if (i < 0 || entries.get(i).allocated()) {
            return;
        }
        Entry r = entries.remove(i);
        push(r.start(), start - r.start(), false);
        push(start, size, true);
        push(start + size, r.size() - size - (start - r.start()), false);
        sortAndCollapse();
    }

    // Allocate: first free entry with size >= n, carved from its front; 0 when none (2.4).
    @Override
    public long allocate(long size) {
        for (Entry e : entries) {
            if (!e.allocated() && U64.atMost(size, e.size())) {
                markAllocated(e.start(), size);
                return e.start();
            }
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no free entry holds " + U64.hex(size) + " bytes");
    }

    // Free: a no-op since the interface was introduced (2.5).
    @Override
    public void free(long start, long size) {
        // guest_ram.c:412-415 returns at once.
    }

    // Largest: strict > over free entries, so the lowest address wins ties (2.6).
    @Override
    public Region findLargestFreeRegion() {
        Entry best = null;
        for (Entry e : entries) {
            if (!e.allocated() && U64.lessThan(best == null ? 0 : best.size(), e.size())) {
                best = e;
            }
        }
        if (best == null) {
            throw new GuestRamException(ErrorCode.NO_FREE_REGION, "no free entry");
        }
        return new Region(best.start(), best.size());
    }

    // Touch: the range must lie in one entry; callbacks get the page-aligned address (2.7).
    @Override
    public int touch(long address, long size, TouchCallback callback) {
        if (containing(address, size) < 0) {
            throw new GuestRamException(ErrorCode.NOT_RAM, "no single entry holds the range");
        }
        long end = address + size;
        for (long current = address; U64.lessThan(current, end); ) {
            long aligned = U64.alignDown(current, page());
            long next = U64.min(end, aligned + page());
            if (!mapped.containsAll(aligned, aligned)) {
                return -1;
            }
            int result = callback.onChunk(new Chunk(aligned, next - current, current - address),
                    contents.at(current, next - current));
            if (result != 0) {
                return result;
            }
            current = next;
        }
        return 0;
    }

    /** vm_guest_ram_read_callback: copies every chunk to the start of the buffer, ignoring the offset (2.8). */
    @Override
    public byte[] read(long address, int size) {
        byte[] buffer = new byte[size];
        touchOrFail(address, size, (chunk, memory) -> {
            memory.copyTo(buffer, 0);
            return 0;
        });
        return buffer;
    }

    /** vm_guest_ram_write_callback: writes the head of the buffer into every chunk (2.8). */
    @Override
    public void write(long address, byte[] data) {
        touchOrFail(address, data.length, (chunk, memory) -> {
            memory.copyFrom(data, 0);
            return 0;
        });
    }

    private void touchOrFail(long address, long size, TouchCallback callback) {
        if (touch(address, size, callback) != 0) {
            throw new GuestRamException(ErrorCode.NOT_RAM, "an unmapped page stopped the walk");
        }
    }

    @Override
    public List<Piece> memoryMap() {
        List<Piece> pieces = new ArrayList<>();
        for (Entry e : entries) {
            long last = e.start() + e.size() - 1;
            // An entry that wraps past 2^64 (only unchecked arithmetic makes one) is shown up to the top.
            pieces.add(new Piece(e.start(), U64.lessThan(last, e.start()) ? U64.MAX : last, e.allocated()));
        }
        return pieces;
    }

    /** is_ram_region (guest_ram.c:114-125): the first entry with start <= addr and end >= addr + size, wrapping. */
    private int containing(long address, long size) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (U64.atMost(e.start(), address) && U64.atMost(address + size, e.start() + e.size())) {
                return i;
            }
        }
        return -1;
    }

    /** expand_guest_ram_region (97-112): push a free entry, sort, collapse. */
    private void expand(long start, long size) {
        push(start, size, false);
        sortAndCollapse();
    }

    /** push_guest_ram_region (28-45): a zero size pushes nothing. */
    private void push(long start, long size, boolean allocated) {
        if (size != 0) {
            entries.add(new Entry(start, size, allocated));
        }
    }

    /** qsort by start, then merge equal-flag entries that touch exactly (47-95). */
    private void sortAndCollapse() {
        entries.sort(Comparator.comparing(Entry::start, Long::compareUnsigned));
        for (int i = 1; i < entries.size(); ) {
            Entry a = entries.get(i - 1);
            Entry b = entries.get(i);
            if (a.allocated() == b.allocated() && a.start() + a.size() == b.start()) {
                entries.set(i - 1, new Entry(a.start(), a.size() + b.size(), a.allocated()));
                entries.remove(i);
            } else {
                i++;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sel4Model m && m.config.equals(config) && m.entries.equals(entries)
                && java.util.Arrays.equals(m.bumps, bumps) && m.reserved.equals(reserved)
                && m.mapped.equals(mapped) && m.contents.equals(contents);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
