package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.model.Sel4Model.PageRun;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per item of the checklist for a re-implementation (docs/libsel4vm.md, "Every call", rows 1-13). */
class Sel4ModelTest {

    private static final long P = 0x1000;

    /** No anonymous window unless a test asks for one, as on ARM. */
    private final Sel4Model ram = new Sel4Model(new Config(Profile.SEL4, U64.MAX, P, List.of()));

    private static Sel4Model withWindow(long start, long end) {
        return new Sel4Model(new Config(Profile.SEL4, U64.MAX, P, List.of(Window.of(start, end))));
    }

    private static ErrorCode failure(Runnable call) {
        return assertThrows(GuestRamException.class, call::run).code();
    }

    @Test
    void quirk1FreeDoesNothingEver() {
        ram.registerAt(0x10000, 0x4000, false);
        ram.markAllocated(0x10000, 0x1000);
        List<Piece> before = ram.memoryMap();
        ram.free(0x10000, 0x1000);
        ram.free(0, 1);
        ram.free(0x12000, 0x10);
        assertEquals(before, ram.memoryMap());
    }

    @Test
    void quirk2MarkAllocatedSilentlyIgnoresRangesNotInsideOneFreeEntry() {
        ram.registerAt(0x10000, 0x2000, false);
        ram.markAllocated(0x10000, 0x1000);
        List<Piece> before = ram.memoryMap();
        ram.markAllocated(0x10800, 0x1000);   // spans allocated and free
        ram.markAllocated(0x10000, 0x10);     // inside an allocated entry
        ram.markAllocated(0x50000, 0x10);     // unregistered
        assertEquals(before, ram.memoryMap());
    }

    @Test
    void quirk3AllocateIsFrontFirstFitUnalignedAndZeroReturnsTheFirstFreeStart() {
        ram.registerAt(0x10000, 0x1000, false);
        assertEquals(0x10000, ram.allocate(0x10));
        assertEquals(0x10010, ram.allocate(0x100), "no alignment");
        List<Piece> before = ram.memoryMap();
        assertEquals(0x10110, ram.allocate(0), "allocate(0) returns the first free start ...");
        assertEquals(before, ram.memoryMap(), "... and allocates nothing");
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.allocate(0x1000)), "C returns 0");
    }

    @Test
    void quirk4TouchFailsAcrossAnAllocatedFreeBoundary() {
        ram.registerAt(0x10000, 0x2000, false);
        ram.markAllocated(0x10000, 0x1000);
        assertEquals(ErrorCode.NOT_RAM, failure(() -> ram.touch(0x10ff0, 0x20, (c, m) -> 0)));
        assertEquals(0, ram.touch(0x10000, 0x1000, (c, m) -> 0), "inside one (allocated) entry is fine");
    }

    @Test
    void quirk5TouchGivesThePageAlignedAddressButExactSizesAndOffsets() {
        ram.registerAt(0x10000, 0x2000, false);
        Outcome walk = new Call.Touch(0x10ffc, 8, 0, 0).apply(ram);
        assertEquals(List.of(new Chunk(0x10000, 4, 0), new Chunk(0x11000, 4, 4)), walk.chunks());
    }

    @Test
    void quirk6ReadAndWriteCallbacksIgnoreTheOffset() {
        ram.registerAt(0x10000, 0x2000, false);
        ram.write(0x10ffc, new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77});
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33}, ram.read(0x10ffc, 4));
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33}, ram.read(0x11000, 4), "the head, not 44556677");
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33, 0, 0, 0, 0}, ram.read(0x10ffc, 8),
                "the last chunk lands at offset 0");
    }

    @Test
    void quirk7CallbackResultsArePropagatedVerbatim() {
        ram.registerAt(0x10000, 0x3000, false);
        assertEquals(List.of(7L), new Call.Touch(0x10000, 0x3000, 2, 7).apply(ram).values());
    }

    @Test
    void quirk8OverlapIsRefusedAtPageGranularityByTheReservationLayer() {
        ram.registerAt(0x10000, 0x800, false);
        assertEquals(ErrorCode.OVERLAP, failure(() -> ram.registerAt(0x10800, 0x800, false)), "same page");
        assertEquals(ErrorCode.OVERLAP, failure(() -> ram.registerAt(0x10000, 0x800, false)), "identical");
        Sel4Model anon = withWindow(0x40000, 0x50000);
        assertEquals(ErrorCode.OVERLAP, failure(() -> anon.registerAt(0x4f000, 0x10, false)), "inside an anonymous window");
    }

    @Test
    void quirk9ZeroSizes() {
        Sel4Model anon = withWindow(0x40000, 0x50000);
        assertEquals(ErrorCode.INVALID_RANGE, failure(() -> anon.register(0)), "register(0) returns 0");
        assertEquals(ErrorCode.INVALID_RANGE, failure(() -> ram.registerAt(0x10000, 0, false)), "-1");
        ram.registerAt(0x10000, 0x1000, false);
        List<Piece> before = ram.memoryMap();
        ram.markAllocated(0x10800, 0);
        assertEquals(before, ram.memoryMap());
        assertEquals(0, ram.touch(0x11000, 0, (c, m) -> 1), "the inclusive end counts; no callback");
        assertEquals(ErrorCode.NOT_RAM, failure(() -> ram.touch(0x11001, 0, (c, m) -> 1)));
    }

    @Test
    void quirk10RegisterRoundsOnlyTheGapNotTheRecordedSize() {
        Sel4Model anon = withWindow(0x40000, 0x50000);
        assertEquals(0x40000, anon.register(0x1800));
        assertEquals(0x42000, anon.register(0x1000));
        assertEquals(0x43000, anon.register(0x1000));
        assertEquals(List.of(new Sel4Model.Entry(0x40000, 0x1800, false), new Sel4Model.Entry(0x42000, 0x2000, false)),
                anon.entries(), "unrounded size; page-multiple neighbours merge");
    }

    @Test
    void quirk11NoOverflowChecks() {
        ram.registerAt(0x10000, 0x4000, false);
        ram.markAllocated(0x10000, 0xffff_ffff_ffff_0000L);
        assertEquals(List.of(new Sel4Model.Entry(0, 0x14000, false), new Sel4Model.Entry(0x10000, 0xffff_ffff_ffff_0000L, true)),
                ram.entries(), "the remainder's start wraps to 0");
        Sel4Model wrapped = new Sel4Model(ram.config());
        wrapped.registerAt(0x10000, 0x4000, false);
        assertEquals(0, wrapped.touch(0x10000, -0x10000L, (c, m) -> 1), "end wraps to 0: passes, walks nothing");
    }

    @Test
    void quirk12LargestFreeUsesStrictGreaterAndFailsWithMinus1() {
        assertEquals(ErrorCode.NO_FREE_REGION, failure(ram::findLargestFreeRegion));
        ram.registerAt(0x20000, 0x1000, false);
        ram.registerAt(0x10000, 0x1000, false);
        assertEquals(new Region(0x10000, 0x1000), ram.findLargestFreeRegion(), "ties go to the lowest");
    }

    @Test
    void quirk13AnonymousSpaceIsNeverReclaimedEvenOnFailure() {
        Sel4Model anon = withWindow(0x40800, 0x43000);
        assertEquals(0x41000, anon.register(0x1000));
        assertEquals(ErrorCode.INVALID_RANGE, failure(() -> anon.register(0)));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> anon.register(0x2000)));
        assertEquals(0x42000, anon.register(0x1000), "the failed calls moved nothing back");
        assertEquals(ErrorCode.NO_SPACE, failure(() -> anon.register(1)));
        assertEquals(List.of(0x43000L), anon.bumpPointers());
        Sel4Model unaligned = withWindow(0x40800, 0x40c00);
        assertEquals(ErrorCode.NO_SPACE, failure(() -> unaligned.register(0x1000)),
                "ROUND_UP(0x40800) passes the end: free underflows, the fit is accepted, mapping fails");
        assertEquals(List.of(0x42000L), unaligned.bumpPointers(), "... with the bump pointer advanced");
    }

    @Test
    void registerAtWithAnUnalignedStartLeavesTheLastPageUnmapped() {
        ram.registerAt(0x20800, 0x1000, false);
        assertEquals(List.of(new PageRun(0x20000, 0x20000)), ram.mappedPages());
        assertEquals(-1, ram.touch(0x21000, 0x10, (c, m) -> 0), "inside the entry, but its page is unmapped");
    }
}
