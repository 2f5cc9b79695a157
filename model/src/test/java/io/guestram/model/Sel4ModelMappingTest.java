package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.model.Sel4Model.Build;
import io.guestram.model.Sel4Model.Entry;
import io.guestram.model.Sel4Model.PageRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mapping walk of libsel4vm (map_vm_memory_reservation, guest_memory.c:466-493) where it leaves a
 * reservation: the pages it mapped before the failure stay mapped, the bump pointer stays advanced
 * (the anonymous space is never reclaimed, libsel4vm-behaviour.md 2.1 and 4.13), and a page can be
 * mapped once only (check_reservation wants it RESERVED, vspace.c:46-56). The cases are the paths of
 * Sel4Model that PIT found no test for (docs/mutation.md, issue 15).
 */
class Sel4ModelMappingTest {

    private static final long P = 0x1000;
    private static final long TOP_PAGE = -P;

    private static Sel4Model with(Window... windows) {
        return new Sel4Model(new Config(Profile.SEL4, U64.MAX, P, List.of(windows)));
    }

    private static GuestRamException failure(Runnable call) {
        return assertThrows(GuestRamException.class, call::run);
    }

    /**
     * register(2^64 - 1) rounds to 0 pages (guest_memory.c:405, D5), so the bump pointer stays at the
     * window's base 0 and the walk runs from page 0 until it leaves the window's reservation.
     */
    @Test
    void aWalkThatLeavesTheWindowKeepsThePagesItMapped() {
        Sel4Model ram = with(new Window(0, 0x3fff));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(U64.MAX)).code());
        assertEquals(List.of(new PageRun(0, 0x3000)), ram.mappedPages(), "pages 0 to 0x3000 stay mapped");
        assertEquals(List.of(0L), ram.bumpPointers(), "a rounded size of 0 leaves the bump pointer where it was");
        assertEquals(List.of(), ram.entries());

        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(P)).code(),
                "page 0 is mapped already, so the next register's first page cannot be mapped again");
        assertEquals(List.of(new PageRun(0, 0x3000)), ram.mappedPages());
        assertEquals(List.of(P), ram.bumpPointers());
        assertEquals(List.of(), ram.entries());
    }

    /** check_reservation_bounds (vspace.c:46-50): the next window's pages are reserved, but not by this window. */
    @Test
    void aWalkStopsAtItsOwnWindowsEndEvenWhereTheNextWindowBegins() {
        Sel4Model ram = with(new Window(0, 0x3fff), new Window(0x4000, 0x7fff));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(U64.MAX)).code());
        assertEquals(List.of(new PageRun(0, 0x3000)), ram.mappedPages());

        Sel4Model upToTheTop = with(new Window(0, 0x3fff), new Window(0x4000, TOP_PAGE - 1));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> upToTheTop.register(U64.MAX)).code(),
                "every page below the top is reserved by one window or the other");
        assertEquals(List.of(new PageRun(0, 0x3000)), upToTheTop.mappedPages());
    }

    /**
     * A window ending at 2^64 reserves nothing (D1). A register of its 2 pages succeeds without a
     * walk, as its end wraps to 0 (D2), and leaves the bump pointer wrapped to 0; a register then
     * starts at page 0, far below the window's reservation, and fails.
     */
    @Test
    void aBumpPointerThatWrappedToZeroMapsNothing() {
        Sel4Model ram = with(new Window(-2 * P, U64.MAX));
        assertEquals(-2 * P, ram.register(2 * P));
        assertEquals(List.of(0L), ram.bumpPointers(), "-2P + 2P wraps to 0");
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(U64.MAX)).code(),
                "ROUND_UP(2^64 - 1) = 0 fits in free = 0; page 0 lies outside the reservation");
        assertEquals(List.of(new Entry(-2 * P, 2 * P, false)), ram.entries());
        assertEquals(List.of(), ram.mappedPages());
    }

    /** D2 in the window of all addresses: the walk maps up to the page below the top, then wraps to 0. */
    @Test
    void aRegisterIntoTheTopPageOfTheWholeSpaceMapsEveryPageBelowIt() {
        Sel4Model ram = with(new Window(0, U64.MAX));
        assertEquals(0, ram.register(P));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(-2 * P + 1)).code(),
                "its last byte lies in the top page, whose mapping wraps current to page 0");
        assertEquals(List.of(new PageRun(0, TOP_PAGE - P)), ram.mappedPages(),
                "the top page's bookkeeping is never written");
        assertEquals(List.of(new Entry(0, P, false)), ram.entries());
    }

    /**
     * A range whose page-rounded end is 2^64 (but which does not itself wrap) has an empty reservation
     * (vspace.c:127-128), so mapping its first page fails; the call fails and leaves no node in the
     * reservation tree, so the same call fails the same way again.
     */
    @Test
    void aRegisterAtWhoseRoundedEndWrapsFailsAndLeavesNoNode() {
        Sel4Model ram = with();
        assertEquals(ErrorCode.INVALID_RANGE, failure(() -> ram.registerAt(-2 * P, 2 * P - 1, false)).code());
        assertEquals(ErrorCode.INVALID_RANGE, failure(() -> ram.registerAt(-2 * P, 2 * P - 1, false)).code(),
                "not OVERLAP: the reservation tree holds no node from the first call");
        assertEquals(List.of(), ram.entries());
        assertEquals(List.of(), ram.mappedPages());
        assertEquals(List.of(), ram.reservedPages());
    }

    /** The reservation tree (guest_memory.c:150-192) is part of the state a copy carries. */
    @Test
    void aCopyKeepsTheReservationTree() {
        Sel4Model ram = with();
        ram.registerAt(0x1000, 0x10, false);
        Sel4Model copy = ram.copy();
        // The page check skips page 0x1000 (D3); only the tree sees the byte 0x1000 in common.
        assertEquals(ErrorCode.OVERLAP, failure(() -> copy.registerAt(0xfff, 2, false)).code());
        assertEquals(List.of(new Entry(0x1000, 0x10, false)), copy.entries());
    }

    /** is_available_range stops at the first page that is taken; guestram's message names it. */
    @Test
    void anOverlapNamesTheLowestTakenPage() {
        Sel4Model ram = with(new Window(0x10000, 0x10fff));
        ram.registerAt(0x20000, P, false);
        GuestRamException overWindow = failure(() -> ram.registerAt(0, 0x30000, false));
        assertEquals(ErrorCode.OVERLAP, overWindow.code());
        assertTrue(overWindow.getMessage().contains("page 0x10000 "), overWindow.getMessage());
        GuestRamException again = failure(() -> ram.registerAt(0x20000, P, false));
        assertEquals(ErrorCode.OVERLAP, again.code());
        assertTrue(again.getMessage().contains("page 0x20000 "), again.getMessage());
    }

    @Test
    void aModelKnowsWhichBuildItFollows() {
        Config config = new Config(Profile.SEL4, U64.MAX, P, List.of());
        assertEquals(Build.DEBUG, new Sel4Model(config, Build.DEBUG).build());
        assertEquals(Build.RELEASE, new Sel4Model(config, Build.RELEASE).build());
        assertEquals(Build.DEBUG, new Sel4Model(config, Build.DEBUG).copy().build());
    }
}
