package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.model.Sel4Model.Build;
import io.guestram.model.Sel4Model.Entry;
import io.guestram.model.Sel4Model.PageRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows of issue 13: where libsel4vm's real code (seL4_projects_libs 0e06beb, seL4_libs d8abd95,
 * musllibc 9798aed) and profile sel4 disagreed. Each test names the row and the upstream lines;
 * docs/libsel4vm.md gives the account.
 */
class Sel4ModelUpstreamTest {

    private static final long P = 0x1000;
    private static final long TOP_PAGE = -P;

    private static Sel4Model with(Window... windows) {
        return new Sel4Model(new Config(Profile.SEL4, U64.MAX, P, List.of(windows)));
    }

    private static ErrorCode failure(Runnable call) {
        return assertThrows(GuestRamException.class, call::run).code();
    }

    /** D1: sel4utils vspace.c:127-128 rounds the window's end 2^64 to 0, so its reservation covers nothing. */
    @Test
    void d1AWindowEndingAtTheLastAddressReservesNothing() {
        Sel4Model ram = new Sel4Model(Config.defaults(Profile.SEL4));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(1)),
                "mapping into it fails (check_reservation_bounds, vspace.c:46-50): vm_ram_register returns 0");
        assertEquals(List.of(Long.MIN_VALUE + P), ram.bumpPointers(), "the bump pointer moved before the mapping");
        ram.registerAt(Long.MIN_VALUE, 1, false); // only the reservation tree is consulted (guest_memory.c:161-165)
        assertEquals(List.of(new Entry(Long.MIN_VALUE, 1, false)), ram.entries());
        assertEquals(List.of(new PageRun(Long.MIN_VALUE, Long.MIN_VALUE)), ram.mappedPages());
    }

    /** D2: after the top page current_addr wraps to 0 (guest_memory.c:474, 487), outside the reservation. */
    @Test
    void d2AMappingWalkPastTheTopPageWrapsAndFails() {
        Sel4Model ram = with(new Window(TOP_PAGE, U64.MAX));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(P - 1)));
        Sel4Model exact = with(new Window(TOP_PAGE, U64.MAX));
        assertEquals(TOP_PAGE, exact.register(P), "start + size wraps to 0: the walk never runs, the call succeeds");
        assertEquals(List.of(), exact.mappedPages(), "and maps nothing");
        assertEquals(ErrorCode.NOT_RAM, failure(() -> exact.touch(TOP_PAGE, 1, (c, m) -> 0)),
                "and no touch reaches it: is_ram_region's end, start + size, wraps to 0 (guest_ram.c:118-119)");
    }

    /** D3: is_available_range walks from the unaligned start (vspace_internal.h:246-258, vspace.c:594). */
    @Test
    void d3AnUnalignedRegisterAtSkipsTheCheckOfItsLastPage() {
        Sel4Model release = with();
        release.registerAt(0x1001, 1, false);
        release.registerAt(0xfff, 2, false);
        assertEquals(List.of(new Entry(0xfff, 3, false)), release.entries(), "map 0xfff:0x1001:f");
        assertEquals(List.of(new PageRun(0, P)), release.reservedPages());

        Sel4Model debug = new Sel4Model(release.config(), Build.DEBUG);
        debug.registerAt(0x1001, 1, false);
        assertThrows(Sel4Model.Sel4Abort.class, () -> debug.registerAt(0xfff, 2, false),
                "the assert at vspace.c:136 aborts a debug build");
    }

    /**
     * D3 holds only inside one bottom table of sel4utils' bookkeeping (512 pages, 2 MiB): a walk
     * that crosses its end restarts there aligned and checks every page up to the last byte
     * (vspace_internal.h:262-290). Found by a campaign against libsel4vm's own code:
     * register_at(0x100000001, 1) then register_at(0xffffffff, 2) is OVERLAP there.
     */
    @Test
    void d3StopsAtABottomTableBoundary() {
        Sel4Model ram = with();
        ram.registerAt(0x100000001L, 1, false);
        assertEquals(ErrorCode.OVERLAP, failure(() -> ram.registerAt(0xffffffffL, 2, false)));
        assertEquals(List.of(new Entry(0x100000001L, 1, false)), ram.entries());
        assertEquals(List.of(new PageRun(0x100000000L, 0x100000000L)), ram.reservedPages());

        Sel4Model inside = with();
        inside.registerAt(0x200001L, 1, false); // 0x1fffff..0x200000 crosses 2 MiB too
        assertEquals(ErrorCode.OVERLAP, failure(() -> inside.registerAt(0x1fffffL, 2, false)));
        inside.registerAt(0x301001L, 1, false); // but 0x300fff..0x301000 does not: the skip stays
        inside.registerAt(0x300fffL, 2, false);
        assertEquals(List.of(new Entry(0x200001L, 1, false), new Entry(0x300fffL, 3, false)), inside.entries());
    }

    /** D3 across a 2 MiB boundary: every page below the boundary is checked, and no page past the range. */
    @Test
    void d3AcrossABottomTableBoundaryChecksEveryPageOfTheRangeAndNoMore() {
        Sel4Model below = with();
        below.registerAt(0x1ff001L, 1, false); // page 0x1ff000, the last below the boundary
        assertEquals(ErrorCode.OVERLAP, failure(() -> below.registerAt(0x1fe001L, 0x2000, false)));
        assertEquals(List.of(new Entry(0x1ff001L, 1, false)), below.entries());

        Sel4Model after = with();
        after.registerAt(0x201000L, 1, false); // the page just past 0x1fffff..0x200fff
        after.registerAt(0x1fffffL, 0x1001, false);
        assertEquals(List.of(new Entry(0x1fffffL, 0x1002, false)), after.entries(), "registered, and collapsed with its neighbour");

        Sel4Model firstPage = with();
        firstPage.registerAt(0x1fe000L, 0x800, false); // reserves page 0x1fe000; its bytes end before 0x1fe801
        assertEquals(ErrorCode.OVERLAP, failure(() -> firstPage.registerAt(0x1fe801L, 0x1800, false)), "the walk starts at the start's page");

        Sel4Model window = with(Window.of(0x1ff000L, 0x200000L)); // a window's page just below the boundary
        assertEquals(ErrorCode.OVERLAP, failure(() -> window.registerAt(0x1fe001L, 0x2000, false)), "the window's page is checked");
        assertEquals(List.of(), window.entries());

        Sel4Model beyond = with();
        beyond.registerAt(0x300000L, 1, false); // far past the range: no part of the walk reaches it
        beyond.registerAt(0x1fe001L, 0x2000, false);
        assertEquals(List.of(new Entry(0x1fe001L, 0x2000, false), new Entry(0x300000L, 1, false)), beyond.entries());
    }

    /** D3, the reservation tree: an unaligned register_at that meets an earlier one's bytes fails and undoes its pages. */
    @Test
    void d3TheReservationTreeRefusesAByteIntersection() {
        Sel4Model ram = with();
        ram.registerAt(0x1000, 0x10, false);
        assertEquals(ErrorCode.OVERLAP, failure(() -> ram.registerAt(0xfff, 2, false)));
        assertEquals(List.of(new PageRun(P, P)), ram.reservedPages(), "page 0 is released again");
        assertEquals(List.of(new Entry(0x1000, 0x10, false)), ram.entries());
    }

    /** D4: the map loop's bound wraps (guest_memory.c:474): nothing is mapped, a wrapping entry is left. */
    @Test
    void d4ARegisterAtPast2To64SucceedsAndMapsNothing() {
        Sel4Model ram = with();
        ram.registerAt(TOP_PAGE, 2 * P, false);
        ram.registerAt(TOP_PAGE, 2 * P, false); // the tree's comparator sees no intersection either
        assertEquals(List.of(new Entry(TOP_PAGE, 2 * P, false), new Entry(TOP_PAGE, 2 * P, false)), ram.entries());
        assertEquals(List.of(), ram.mappedPages());
        assertEquals(List.of(), ram.reservedPages());
    }

    /** D5: ROUND_UP(size) wraps to 0 (guest_memory.c:405): the bump stays, the base is returned. */
    @Test
    void d5ARegisterOfNearly2To64BytesReturnsTheBaseAndWraps() {
        Sel4Model ram = with(Window.of(0x10000, 0x20000));
        assertEquals(0x10000, ram.register(P));
        assertEquals(0x11000, ram.register(-1L));
        assertEquals(List.of(0x11000L), ram.bumpPointers());
        assertEquals(List.of(new Entry(0x10000, P - 1, false)), ram.entries(),
                "the free entry (0x11000, 2^64 - 1) merges into (0x10000, 0x1000): size 0x1000 + 2^64 - 1 wraps");
    }

    /**
     * D6: musl's qsort is not stable. The steps of the issue make two entries that start at 0; the
     * order musl leaves them in is not the order they were pushed in, which a stable sort keeps.
     */
    @Test
    void d6EqualStartsComeOutInMuslsOrder() {
        Sel4Model ram = with();
        ram.registerAt(0xa000, 1, false);
        ram.markAllocated(-1L, 1);
        ram.registerAt(0xb000, 1, false);
        ram.markAllocated(0xa000, 0);
        // The last sort sees (0xa000, 2^64 - 0xa001) pushed before (0xa000, 1); musl's C (9798aed, run on
        // exactly this array: MuslQsortTest) puts (0xa000, 1) first, so (0, 0xa000) merges with it.
        assertEquals(List.of(new Entry(0, 0xa001, false), new Entry(0xa000, -0xa001L, false),
                new Entry(0xb000, 1, false), new Entry(-1L, 1, true)), ram.entries());
        // A stable sort keeps the push order and merges (0, 0xa000) with the big entry instead.
        List<Entry> pushed = new ArrayList<>(List.of(new Entry(0xa000, -0xa001L, false), new Entry(0xb000, 1, false),
                new Entry(-1L, 1, true), new Entry(0, 0xa000, false), new Entry(0xa000, 1, false)));
        pushed.sort(Comparator.comparing(Entry::start, Long::compareUnsigned));
        assertEquals(new Entry(0xa000, -0xa001L, false), pushed.get(1));
    }

    /** M1: serve --impl model --profile sel4 crashed on these three commands (ArrayIndexOutOfBoundsException). */
    @Test
    void m1AReadAtTheTopPageNoLongerCrashesTheModel() {
        Sel4Model ram = new Sel4Model(Config.defaults(Profile.SEL4));
        assertEquals(Long.MIN_VALUE, ram.register(Long.MIN_VALUE), "base + size wraps to 0: the map loop never runs");
        ram.markAllocated(0xfffffffffffff800L, 0x800);
        assertEquals(ErrorCode.NOT_RAM, failure(() -> ram.read(0xfffffffffffff000L, 0x800)),
                "the page is not mapped: vm_ram_touch returns -1 before any callback");
        assertEquals(List.of(), ram.mappedPages());
        // The top page is never recorded as mapped (update_entries from it to 0 writes nothing), so
        // no walk computes a chunk past it; a touch that wraps walks nothing and returns 0.
        Sel4Model wrapping = with();
        wrapping.registerAt(TOP_PAGE, 2 * P, false);
        assertArrayEquals(new byte[(int) P + 0x800], wrapping.read(TOP_PAGE, (int) P + 0x800));
    }

    @Test
    void aWindowSharingAPageWithAnEarlierOneIsNeverMade() {
        Sel4Model ram = with(Window.of(0x10000, 0x11800), Window.of(0x11800, 0x13000));
        assertEquals(List.of(Window.of(0x11800, 0x13000)), ram.windowsNotMade(), "both want page 0x11000");
        assertEquals(0x10000, ram.register(P));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(1)), "the second window is not there");
        assertNotEquals(List.of(), ram.entries());
    }
}
