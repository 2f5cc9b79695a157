package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ReferenceModelTest {

    private final ReferenceModel ram = new ReferenceModel(Config.defaults(Profile.SPEC));

    /** Asserts the call is rejected with {@code code} and changes nothing observable. */
    private void rejects(ErrorCode code, Executable call) {
        List<Piece> before = ram.memoryMap();
        ReferenceModel snapshot = ram.copy();
        GuestRamException e = assertThrows(GuestRamException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(before, ram.memoryMap());
        assertEquals(snapshot, ram, "contents or sets changed by a rejected call");
    }

    @Test
    void registerAtRejectsEmptyOverflowingAndOverlappingRanges() {
        rejects(ErrorCode.INVALID_RANGE, () -> ram.registerAt(0x1000, 0, false));
        rejects(ErrorCode.INVALID_RANGE, () -> ram.registerAt(U64.MAX, 2, false));
        rejects(ErrorCode.INVALID_RANGE, () -> ram.registerAt(1L << 63, 1L << 63 | 1, false));
        ram.registerAt(0x1000, 0x1000, true);
        rejects(ErrorCode.OVERLAP, () -> ram.registerAt(0x1fff, 1, false));
        rejects(ErrorCode.OVERLAP, () -> ram.registerAt(0, 0x1001, false));
        ram.registerAt(0x2000, 0x10, false);
        assertEquals(List.of(new Piece(0x1000, 0x200f, false)), ram.memoryMap(), "adjacent registrations join");
    }

    @Test
    void rangesEndingExactlyAt2To64Work() {
        ram.registerAt(-0x1000L, 0x1000, false);
        assertEquals(-0x1000L, ram.allocate(0x1000));
        ram.free(-0x10L, 0x10);
        assertEquals(new Region(-0x10L, 0x10), ram.findLargestFreeRegion());
        assertEquals(0, ram.touch(-1L, 1, (chunk, memory) -> 0));
        rejects(ErrorCode.INVALID_RANGE, () -> ram.touch(-1L, 2, (chunk, memory) -> 0));
    }

    @Test
    void aFreeRunOfAllAddressesIsReportedAsItsFirst2To64Minus1Bytes() {
        ram.registerAt(0, 1L << 63, false);
        ram.registerAt(1L << 63, 1L << 63, false);
        assertEquals(new Region(0, U64.MAX), ram.findLargestFreeRegion());
    }

    @Test
    void registerTakesTheLowestAlignedFitInOneWindow() {
        ReferenceModel windows = new ReferenceModel(new Config(Profile.SPEC, U64.MAX, 0x1000,
                List.of(Window.of(0x800, 0x2800), Window.of(0x4000, 0x8000))));
        assertEquals(0x1000, windows.register(0x1000));
        assertEquals(0x4000, windows.register(0x1001), "0x2000..0x2800 is too short; the next window serves");
        assertEquals(0x2000, windows.register(0x800));
        assertEquals(0x6000, windows.register(0x10), "0x5001.. is taken up to the page end");
        GuestRamException none = assertThrows(GuestRamException.class, () -> windows.register(0x4000));
        assertEquals(ErrorCode.NO_SPACE, none.code());
        assertEquals(ErrorCode.INVALID_RANGE, assertThrows(GuestRamException.class, () -> windows.register(0)).code());
    }

    @Test
    void markAllocatedChecksRamBeforeAllocation() {
        ram.registerAt(0, 0x100, false);
        ram.markAllocated(0x10, 0x10);
        rejects(ErrorCode.NOT_RAM, () -> ram.markAllocated(0x0f, 0x200));
        rejects(ErrorCode.ALREADY_ALLOCATED, () -> ram.markAllocated(0x1f, 2));
        rejects(ErrorCode.INVALID_RANGE, () -> ram.markAllocated(U64.MAX, 2));
    }

    @Test
    void allocateIsLowestFirstFitAcrossAdjacentRegistrations() {
        ram.registerAt(0x100, 0x10, false);
        ram.registerAt(0x200, 0x10, false);
        ram.registerAt(0x210, 0x10, false);
        assertEquals(0x200, ram.allocate(0x18), "the first run is too short; the joined one fits");
        assertEquals(0x100, ram.allocate(0x10), "exact fit");
        assertEquals(0x218, ram.allocate(8));
        rejects(ErrorCode.NO_SPACE, () -> ram.allocate(1));
        rejects(ErrorCode.INVALID_RANGE, () -> ram.allocate(0));
    }

    @Test
    void freeTakesAnySubRangeOfAllocatedBytesAndCoalesces() {
        ram.registerAt(0, 0x30, false);
        ram.markAllocated(0x10, 0x10);
        ram.markAllocated(0x20, 0x10);
        ram.free(0x18, 0x10);
        assertEquals(List.of(new Piece(0, 0xf, false), new Piece(0x10, 0x17, true), new Piece(0x18, 0x27, false),
                new Piece(0x28, 0x2f, true)), ram.memoryMap());
        rejects(ErrorCode.NOT_ALLOCATED, () -> ram.free(0x10, 0x9));
        rejects(ErrorCode.INVALID_RANGE, () -> ram.free(0x10, 0));
        ram.free(0x10, 8);
        ram.free(0x28, 8);
        assertEquals(List.of(new Piece(0, 0x2f, false)), ram.memoryMap());
    }

    @Test
    void largestFreeTiesGoToTheLowestAddress() {
        rejects(ErrorCode.NO_FREE_REGION, ram::findLargestFreeRegion);
        ram.registerAt(0x100, 0x10, false);
        ram.registerAt(0x200, 0x10, false);
        assertEquals(new Region(0x100, 0x10), ram.findLargestFreeRegion());
        ram.registerAt(0x300, 0x11, false);
        assertEquals(new Region(0x300, 0x11), ram.findLargestFreeRegion());
        ram.markAllocated(0x300, 0x11);
        ram.markAllocated(0x100, 0x10);
        ram.markAllocated(0x200, 0x10);
        rejects(ErrorCode.NO_FREE_REGION, ram::findLargestFreeRegion);
    }

    @Test
    void touchChunksStopAtPageBoundariesWithExactAddressesAndOffsets() {
        ram.registerAt(0x10000, 0x4000, false);
        ram.markAllocated(0x11000, 0x1000);
        List<Chunk> seen = new ArrayList<>();
        assertEquals(0, ram.touch(0x10ffc, 0x2008, (chunk, memory) -> {
            seen.add(chunk);
            return 0;
        }));
        assertEquals(List.of(new Chunk(0x10ffc, 4, 0), new Chunk(0x11000, 0x1000, 4),
                new Chunk(0x12000, 0x1000, 0x1004), new Chunk(0x13000, 4, 0x2004)), seen);
        Outcome stopped = new Call.Touch(0x10ffc, 0x2008, 2, 7).apply(ram);
        assertEquals(List.of(7L), stopped.values(), "the non-zero callback result is returned verbatim");
        assertEquals(2, stopped.chunks().size());
        rejects(ErrorCode.NOT_RAM, () -> ram.touch(0x13fff, 2, (chunk, memory) -> 1));
    }

    @Test
    void readAndWriteCrossPagesAndPersistAcrossAllocateAndFree() {
        ram.registerAt(0x10000, 0x2000, false);
        byte[] data = {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77};
        ram.write(0x10ffc, data);
        ram.markAllocated(0x10000, 0x2000);
        ram.free(0x10000, 0x2000);
        assertArrayEquals(data, ram.read(0x10ffc, 8));
        assertArrayEquals(new byte[] {0x44, 0x55}, ram.read(0x11000, 2));
        assertArrayEquals(new byte[4], ram.read(0x11fff - 3, 4), "never-written bytes read zero");
        rejects(ErrorCode.NOT_RAM, () -> ram.write(0x11fff, new byte[2]));
    }

    @Test
    void mapChangesGrowsWithEveryChangeOfTheSetsAndOnlyThen() {
        long start = ram.mapChanges();
        List<Piece> empty = ram.memoryMap();
        ram.registerAt(0x1000, 0x3000, false);
        long registered = ram.mapChanges();
        assertTrue(registered > start, "registering changed R: " + start + " -> " + registered);
        ram.markAllocated(0x1000, 0x1000);
        long marked = ram.mapChanges();
        assertTrue(marked > registered, "marking changed A: " + registered + " -> " + marked);
        List<Piece> map = ram.memoryMap();
        ram.write(0x2000, new byte[] {1, 2});
        ram.read(0x2000, 2);
        ram.touch(0x1000, 0x2000, (chunk, memory) -> 0);
        assertEquals(marked, ram.mapChanges(), "reads, writes and touches leave R and A alone");
        assertEquals(map, ram.memoryMap());
        ram.free(0x1000, 0x1000);
        assertTrue(ram.mapChanges() > marked, "freeing changed A");
        assertEquals(empty.size() + 1, ram.memoryMap().size(), "one free piece: " + ram.memoryMap());
    }
}
