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
 * included (see the README's table of differences and docs/libsel4vm.md, whose line numbers
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

    /**
     * How libsel4vm was built. {@code RELEASE} (asserts compiled out, the default of seL4 release
     * builds) lets a failed reservation through (libsel4vm.md, D3); {@code DEBUG} (asserts on)
     * aborts the program there, which the model reports as {@link Sel4Abort}.
     */
    public enum Build { RELEASE, DEBUG }

    /** The C program would abort (an assert fails): no result, the process is gone. */
    public static final class Sel4Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Sel4Abort(String message) {
            super(message);
        }
    }

    /** Bits of a sel4utils bookkeeping level (VSPACE_LEVEL_BITS, aarch64 and x86_64): a bottom table holds 2^9 pages. */
    private static final int LEVEL_BITS = 9;

    private final Config config;
    private final Build build;
    private final List<Entry> entries;
    private final long[] bumps;
    private final Intervals reserved;
    private final Intervals mapped;
    private final SparseBytes contents;
    /** The pages each window's vspace reservation took (vm_memory_make_anon), fixed at creation. */
    private final Intervals windowPages;
    /** Per window: created (vm_memory_make_anon succeeded), so that register may use it. */
    private final boolean[] windowMade;
    /**
     * The tree of regular reservations (guest_memory.c:150-192): each successful register_at's
     * {start, size}. Not part of the compared state: without wraparound every decision it makes
     * follows from the entries and the windows (spec/GuestRamSel4.tla, MeetsRegularReservation).
     */
    private final List<long[]> regular;

    public Sel4Model(Config config) {
        this(config, Build.RELEASE);
    }

    public Sel4Model(Config config, Build build) {
        if (config.profile() != Profile.SEL4) {
            throw new IllegalArgumentException("Sel4Model implements profile sel4, not " + config.profile().label());
        }
        this.config = config;
        this.build = build;
        this.entries = new ArrayList<>();
        this.bumps = config.windows().stream().mapToLong(Window::first).toArray();
        this.reserved = new Intervals();
        this.mapped = new Intervals();
        this.contents = new SparseBytes();
        this.windowPages = new Intervals();
        this.windowMade = new boolean[bumps.length];
        this.regular = new ArrayList<>();
        for (int i = 0; i < bumps.length; i++) {
            makeAnon(i);
        }
    }

    private Sel4Model(Sel4Model other) {
        this.config = other.config;
        this.build = other.build;
        this.entries = new ArrayList<>(other.entries);
        this.bumps = other.bumps.clone();
        this.reserved = other.reserved.copy();
        this.mapped = other.mapped.copy();
        this.contents = other.contents.copy();
        this.windowPages = other.windowPages;
        this.windowMade = other.windowMade;
        this.regular = new ArrayList<>();
        other.regular.forEach(node -> this.regular.add(node.clone()));
    }

    /**
     * vm_memory_make_anon (guest_memory.c:359-390): reserve the window's pages
     * [Page(first), RoundUp(first + size)) in the vspace. A window whose size is 2^64 (0 in
     * size_t) is guestram's generalisation: it takes every page. A window whose rounded-up end
     * wraps to 0 (its last byte in the top page) reserves nothing (D1). A window sharing a page
     * with an earlier one fails to reserve and is never made.
     */
    private void makeAnon(int i) {
        Window w = config.windows().get(i);
        long first = U64.alignDown(w.first(), page());
        long end = roundUp(w.last() + 1);
        boolean wholeSpace = w.first() == 0 && w.last() == U64.MAX;
        if (wholeSpace) {
            windowPages.add(0, U64.MAX);
        } else if (U64.lessThan(first, end)) {
            if (windowPages.intersects(first, end - 1)) {
                return;
            }
            windowPages.add(first, end - 1);
        }
        windowMade[i] = true;
    }

    /** The windows libsel4vm could not make (a page shared with an earlier window), in window order. */
    public List<Window> windowsNotMade() {
        List<Window> lost = new ArrayList<>();
        for (int i = 0; i < windowMade.length; i++) {
            if (!windowMade[i]) {
                lost.add(config.windows().get(i));
            }
        }
        return lost;
    }

    public Build build() {
        return build;
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
        long rounded = roundUp(size); // 0 for size > 2^64 - P: guest_memory.c:405 wraps (D5)
        for (int i = 0; i < bumps.length; i++) {
            Window w = config.windows().get(i);
            long base = roundUp(bumps[i]);
            if (windowMade[i] && fits(w, base, rounded)) {
                bumps[i] = base + rounded;
                long resStart = U64.alignDown(w.first(), page());
                long resEnd = roundUp(w.last() + 1); // 0 where the window ends at 2^64, the window of all addresses too
                boolean mappedAll = mapWalk(base, size, resStart, resEnd, w.first() == 0 && w.last() == U64.MAX);
                if (size == 0) {
                    throw new GuestRamException(ErrorCode.INVALID_RANGE, "register(0) records nothing and returns 0");
                }
                if (!mappedAll) {
                    throw new GuestRamException(ErrorCode.NO_SPACE,
                            "mapping outside the window's reservation fails; the bump stays advanced");
                }
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

    // RegisterAt: vspace reservation, reservation tree, then map by walking from the exact start (2.2).
    @Override
    public void registerAt(long start, long size, boolean untyped) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "vspace refuses a reservation of 0 bytes");
        }
        long end = start + size;
        // is_available_range (vspace.c:594, vspace_internal.h:246-290, :351); nothing when end wraps (D4).
        if (U64.lessThan(start, end)) {
            Long taken = firstUnavailable(start, end);
            if (taken != null) {
                throw new GuestRamException(ErrorCode.OVERLAP, "page " + U64.hex(taken) + " is already reserved");
            }
        }
        // perform_reservation (vspace.c:127-136): [ROUND_DOWN(start), ROUND_UP(end)), nothing if that
        // end wraps (D1, D4); reserve_entries_range stops at the first page already taken.
        long resStart = U64.alignDown(start, page());
        long resEnd = roundUp(end);
        Long stop = null;
        if (U64.lessThan(resStart, resEnd)) {
            stop = lowestNonEmpty(resStart, resEnd - 1);
            if (stop == null) {
                reserved.add(resStart, resEnd - 1);
            } else if (stop != resStart) {
                reserved.add(resStart, stop - 1);
            }
        }
        if (stop != null && build == Build.DEBUG) {
            throw new Sel4Abort("assert(error == seL4_NoError) at sel4utils vspace.c:136: page " + U64.hex(stop)
                    + " of register_at(" + U64.hex(start) + ", " + U64.hex(size) + ") was already reserved");
        }
        // add_memory_reservation_node (guest_memory.c:150-192): any byte intersection with an
        // earlier register_at, as reservation_node_cmp (70-85) computes it, wrapping.
        for (long[] node : regular) {
            if (reservationCmp(start, size, node[0], node[1]) == 0) {
                clearReserved(resStart, resEnd);
                throw new GuestRamException(ErrorCode.OVERLAP, "the range meets the earlier register_at at "
                        + U64.hex(node[0]));
            }
        }
        regular.add(new long[] {start, size});
        if (!mapWalk(start, size, resStart, resEnd, false)) {
            // vm_free_reserved_memory (440-464): the node goes; pages mapped so far stay mapped.
            regular.remove(regular.size() - 1);
            clearReserved(resStart, resEnd);
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "a page of the range lies outside its reservation, "
                    + "whose page-rounded end wraps past 2^64");
        }
        expand(start, size);
    }

    /**
     * The first page is_available_range finds taken, or null. Its bottom-level walk steps from the
     * unaligned start by P, so it checks the pages of start, start + P, ... and can skip the page of
     * end - 1 (D3); but the level above hands it at most one bottom table (512 pages) at a time and
     * restarts the walk at that table's aligned end (vspace_internal.h:262-290), so from the first
     * such boundary B past start every page up to end - 1 is checked. Where B wraps past 2^64 the
     * walk is sel4utils' 48-bit business (docs/libsel4vm.md): the model keeps the unaligned steps.
     */
    private Long firstUnavailable(long start, long end) {
        long first = U64.alignDown(start, page());
        long table = page() << LEVEL_BITS;
        long boundary = U64.alignDown(start, table) + table;
        if (boundary == 0 || !U64.lessThan(boundary, end)) {
            return lowestNonEmpty(first, first + U64.alignDown(end - start - 1, page()));
        }
        Long below = lowestNonEmpty(first, first + U64.alignDown(boundary - start - 1, page()));
        return below != null ? below : lowestNonEmpty(boundary, U64.alignDown(end - 1, page()));
    }

    /** reservation_node_cmp (guest_memory.c:70-85) of x = (xa, xs) against y = (ya, ys), in uintptr_t. */
    private static int reservationCmp(long xa, long xs, long ya, long ys) {
        if (U64.lessThan(xa, ya)) {
            return U64.lessThan(ya, xa + xs) ? 0 : -1;
        }
        return U64.lessThan(xa, ya + ys) ? 0 : 1;
    }

    /** The lowest page of {@code first..lastPage} that is reserved or mapped, or null (all EMPTY). */
    private Long lowestNonEmpty(long first, long lastPage) {
        long last = lastPage + page() - 1;
        Long a = reserved.lowestIn(first, last);
        Long b = windowPages.lowestIn(first, last);
        Long c = mapped.lowestIn(first, last);
        Long lowest = null;
        for (Long x : new Long[] {a, b, c}) {
            if (x != null && (lowest == null || U64.lessThan(x, lowest))) {
                lowest = x;
            }
        }
        return lowest == null ? null : U64.alignDown(lowest, page());
    }

    /**
     * vspace_free_reservation's clear_entries_range(start, end, only_reserved) (vspace.c:636-645):
     * from {@code resStart}, pages still RESERVED (taken by register_at, not mapped) become EMPTY,
     * up to the first page that is not.
     */
    private void clearReserved(long resStart, long resEnd) {
        if (!U64.lessThan(resStart, resEnd)) {
            return;
        }
        long last = resEnd - 1;
        Long notReserved = reserved.lowestNotIn(resStart, last);
        Long firstMapped = mapped.lowestIn(resStart, last);
        long stop = notReserved == null ? resEnd : notReserved;
        if (firstMapped != null && U64.lessThan(firstMapped, stop)) {
            stop = U64.alignDown(firstMapped, page());
        }
        if (stop != resStart) {
            reserved.remove(resStart, stop - 1);
        }
    }

    /**
     * map_vm_memory_reservation (guest_memory.c:466-493): {@code current} from {@code start} while
     * {@code current < start + size} (wrapping), mapping the page holding it, {@code current += P}.
     * A page maps iff it lies in the reservation [resStart, resEnd) and is RESERVED
     * (check_reservation, vspace.c:46-56); the top page, whose end wraps to 0, passes every check
     * and its bookkeeping is never written (update_entries from the page to 0), so it never counts
     * as mapped. After the top page {@code current} wraps below the reservation and the walk fails
     * (D2). Returns false when a page failed; the pages before it stay mapped.
     */
    private boolean mapWalk(long start, long size, long resStart, long resEnd, boolean wholeSpace) {
        long end = start + size;
        if (!U64.lessThan(start, end)) {
            return true; // the loop does not run (size 0, or the end wraps: D4, D5)
        }
        long top = -page();
        long first = U64.alignDown(start, page());
        long last = first + U64.alignDown(size - 1, page());
        if (U64.lessThan(first, resStart)) {
            return false;
        }
        if (first != top) {
            // page p below the top is inside the reservation iff p + P <= resEnd, never when resEnd wrapped to 0
            Long boundLast = wholeSpace ? Long.valueOf(top - page()) : resEnd == 0 ? null : Long.valueOf(resEnd - page());
            long lastBelowTop = last == top ? top - page() : last;
            Long failed = lowestNotTaken(first, lastBelowTop + page() - 1);
            if (boundLast == null || U64.lessThan(boundLast, first)) {
                failed = first;
            } else if (U64.lessThan(boundLast, lastBelowTop) && (failed == null || U64.lessThan(boundLast + page(), failed))) {
                failed = boundLast + page();
            }
            if (failed == null) {
                mapped.add(first, lastBelowTop + page() - 1);
            } else {
                if (failed != first) {
                    mapped.add(first, failed - 1);
                }
                return false;
            }
        }
        return last != top; // after the top page current wraps to page 0, outside the reservation (D2)
    }

    /** The lowest address of {@code first..last} that is not RESERVED (not taken, or already mapped), or null. */
    private Long lowestNotTaken(long first, long last) {
        Intervals taken = reserved.copy();
        for (long[] run : windowPages.runs()) {
            taken.add(run[0], run[1]);
        }
        Long notTaken = taken.lowestNotIn(first, last);
        Long alreadyMapped = mapped.lowestIn(first, last);
        if (alreadyMapped != null && (notTaken == null || U64.lessThan(alreadyMapped, notTaken))) {
            return U64.alignDown(alreadyMapped, page());
        }
        return notTaken == null ? null : U64.alignDown(notTaken, page());
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

    /** musl's qsort by start (not stable: D6), then merge equal-flag entries that touch exactly (47-95). */
    private void sortAndCollapse() {
        MuslQsort.sort(entries, Comparator.comparing(Entry::start, Long::compareUnsigned));
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
        return o instanceof Sel4Model m && m.config.equals(config) && m.build == build && m.entries.equals(entries)
                && java.util.Arrays.equals(m.bumps, bumps) && m.reserved.equals(reserved)
                && m.mapped.equals(mapped) && m.contents.equals(contents);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}
