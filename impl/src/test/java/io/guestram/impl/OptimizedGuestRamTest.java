package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.U64;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each call's edge cases, with the expected pieces written out; invariants checked after each test. */
class OptimizedGuestRamTest {

    private static final long MAX = U64.MAX;
    private static final long PAGE = Config.DEFAULT_PAGE_SIZE;
    private static final int PAGE_INT = (int) PAGE;

    private final List<OptimizedGuestRam> created = new ArrayList<>();

    @AfterEach
    void invariantsHold() {
        created.forEach(OptimizedGuestRam::checkInvariants);
    }

    private OptimizedGuestRam ram() {
        return ram(Config.defaults(Profile.SPEC));
    }

    private OptimizedGuestRam ram(long limit, long pageSize, Window... windows) {
        return ram(Config.bounded(Profile.SPEC, limit, pageSize, List.of(windows)));
    }

    private OptimizedGuestRam ram(Config config) {
        OptimizedGuestRam ram = new OptimizedGuestRam(config);
        created.add(ram);
        return ram;
    }

    private static Piece free(long first, long last) {
        return new Piece(first, last, false);
    }

    private static Piece used(long first, long last) {
        return new Piece(first, last, true);
    }

    private static TouchCallback recordInto(List<Chunk> seen) {
        return (chunk, memory) -> {
            seen.add(chunk);
            return 0;
        };
    }

    /** Asserts the call is rejected with {@code code} and changes nothing. */
    private static void rejects(ErrorCode code, OptimizedGuestRam ram, Executable call) {
        rejects(code, ram, call, "");
    }

    private static void rejects(ErrorCode code, OptimizedGuestRam ram, Executable call, String why) {
        List<Piece> before = ram.memoryMap();
        GuestRamException e = assertThrows(GuestRamException.class, call, why);
        assertEquals(code, e.code(), why + " " + e.getMessage());
        assertEquals(before, ram.memoryMap(), "a rejected call changed the state");
    }

    @Test
    void rejectsProfileSel4NamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OptimizedGuestRam(Config.defaults(Profile.SEL4)));
        assertTrue(e.getMessage().contains("sel4"), e.getMessage());
    }

    @Test
    void freshRamHasNothing() {
        OptimizedGuestRam ram = ram();
        assertEquals(List.of(), ram.memoryMap());
        rejects(ErrorCode.NO_FREE_REGION, ram, ram::findLargestFreeRegion);
        rejects(ErrorCode.NO_SPACE, ram, () -> ram.allocate(1));
        assertEquals(1, ram.pieces().size(), "one gap");
    }

    @Nested
    class RegisterAt {

        @Test
        void mergesWithFreeNeighboursLeftRightAndBoth() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0x1000, 0x1000, false);
            ram.registerAt(0x2000, 0x800, true);
            assertEquals(List.of(free(0x1000, 0x27ff)), ram.memoryMap(), "left");
            ram.registerAt(0x3000, 0x1000, false);
            ram.registerAt(0x2c00, 0x400, false);
            assertEquals(List.of(free(0x1000, 0x27ff), free(0x2c00, 0x3fff)), ram.memoryMap(), "right");
            ram.registerAt(0x2800, 0x400, false);
            assertEquals(List.of(free(0x1000, 0x3fff)), ram.memoryMap(), "both: the gap filled exactly");
            assertEquals(3, ram.pieces().size(), "gap, free, gap");
        }

        @Test
        void staysApartFromAllocatedNeighbours() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x10, false);
            ram.markAllocated(0, 0x10);
            ram.registerAt(0x10, 0x10, false);
            assertEquals(List.of(used(0, 0xf), free(0x10, 0x1f)), ram.memoryMap());
        }

        @Test
        void reachesTheLastByteOfTheAddressSpace() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(MAX - 0xfff, 0x1000, false);
            assertEquals(List.of(free(MAX - 0xfff, MAX)), ram.memoryMap());
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.registerAt(MAX, 2, false));
            rejects(ErrorCode.OVERLAP, ram, () -> ram.registerAt(MAX, 1, false));
        }

        @Test
        void errorsInOrder() {
            OptimizedGuestRam ram = ram(0x100, 0x10, new Window(0, 0xff));
            ram.registerAt(0x10, 0x10, false);
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.registerAt(0x10, 0, false));
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.registerAt(0xf0, 0x11, false));
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.registerAt(0x10, MAX, false));
            rejects(ErrorCode.OVERLAP, ram, () -> ram.registerAt(0x1f, 1, false));
            rejects(ErrorCode.OVERLAP, ram, () -> ram.registerAt(0, 0x11, false));
            rejects(ErrorCode.OVERLAP, ram, () -> ram.registerAt(0, 0x100, false));
            ram.registerAt(0xf0, 0x10, false);
        }
    }

    @Nested
    class Register {

        @Test
        void takesTheLowestPageAlignedPlace() {
            OptimizedGuestRam ram = ram();
            assertEquals(0, ram.register(1));
            assertEquals(PAGE, ram.register(PAGE + 1));
            assertEquals(3 * PAGE, ram.register(1));
        }

        @Test
        void skipsAGapLongEnoughButWithoutAnAlignedFit() {
            // Gap 0x14..0x28 holds 0x15 bytes >= 0x10, but its only aligned start 0x20 leaves 9.
            OptimizedGuestRam ram = ram(0x100, 0x10, new Window(0, 0xff));
            ram.registerAt(0, 0x14, false);
            ram.registerAt(0x29, 0x17, false);
            assertEquals(0x40, ram.register(0x10));
            assertEquals(0x20, ram.register(9), "the same gap takes a request that fits");
        }

        @Test
        void staysInsideAnUnalignedWindowThenMovesToTheNext() {
            OptimizedGuestRam ram = ram(0x40, 8, new Window(3, 0x14), new Window(0x1e, 0x3d));
            assertEquals(8, ram.register(8));
            assertEquals(0x10, ram.register(5), "0x10..0x14 ends exactly at the window's last byte");
            assertEquals(0x20, ram.register(6), "nothing aligned left in the first window");
            assertEquals(0x28, ram.register(0x16), "0x28..0x3d fills the second window exactly");
            rejects(ErrorCode.NO_SPACE, ram, () -> ram.register(1));
            assertEquals(List.of(free(8, 0x14), free(0x20, 0x25), free(0x28, 0x3d)), ram.memoryMap());
        }

        @Test
        void mergesWithAFreeRegistrationItTouches() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(PAGE, PAGE, false);
            assertEquals(0, ram.register(PAGE));
            assertEquals(List.of(free(0, 2 * PAGE - 1)), ram.memoryMap());
        }

        @Test
        void fitsAgainstTheTopOfTheAddressSpace() {
            long windowFirst = MAX - 3 * PAGE + 2;
            OptimizedGuestRam ram = ram(new Config(Profile.SPEC, MAX, PAGE, List.of(new Window(windowFirst, MAX))));
            assertEquals(MAX - 2 * PAGE + 1, ram.register(2 * PAGE));
            rejects(ErrorCode.NO_SPACE, ram, () -> ram.register(1));
            assertEquals(List.of(free(MAX - 2 * PAGE + 1, MAX)), ram.memoryMap());
        }

        @Test
        void aWindowOfTheLastAddressAloneHoldsOneByte() {
            OptimizedGuestRam ram = ram(new Config(Profile.SPEC, MAX, 1, List.of(new Window(MAX, MAX))));
            rejects(ErrorCode.NO_SPACE, ram, () -> ram.register(2));
            assertEquals(MAX, ram.register(1));
            rejects(ErrorCode.NO_SPACE, ram, () -> ram.register(1));
            assertEquals(List.of(free(MAX, MAX)), ram.memoryMap());
        }

        @Test
        void takesAGapThatStartsAtTheWindowsLastByte() {
            OptimizedGuestRam ram = ram(0x20, 0x10, new Window(0, 0x10));
            ram.registerAt(0, 0x10, false);
            assertEquals(0x10, ram.register(1), "0x10 is aligned, free and the window's last byte");
            rejects(ErrorCode.NO_SPACE, ram, () -> ram.register(1));
        }

        @Test
        void errors() {
            OptimizedGuestRam any = ram();
            rejects(ErrorCode.INVALID_RANGE, any, () -> any.register(0));
            OptimizedGuestRam none = ram(0x100, 1);
            rejects(ErrorCode.NO_SPACE, none, () -> none.register(1));
            OptimizedGuestRam small = ram(0x100, 0x10, new Window(0, 0xff));
            rejects(ErrorCode.NO_SPACE, small, () -> small.register(0x101));
            rejects(ErrorCode.NO_SPACE, small, () -> small.register(MAX));
        }
    }

    @Nested
    class MarkAllocated {

        @Test
        void splitsAndMerges() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x100, false);
            ram.markAllocated(0x40, 0x10);
            assertEquals(List.of(free(0, 0x3f), used(0x40, 0x4f), free(0x50, 0xff)), ram.memoryMap());
            ram.markAllocated(0x30, 0x10);
            ram.markAllocated(0x50, 0x10);
            assertEquals(List.of(free(0, 0x2f), used(0x30, 0x5f), free(0x60, 0xff)), ram.memoryMap());
            ram.markAllocated(0, 0x30);
            ram.markAllocated(0x60, 0xa0);
            assertEquals(List.of(used(0, 0xff)), ram.memoryMap());
        }

        @Test
        void spansTwoAdjacentRegistrations() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x10, false);
            ram.registerAt(0x10, 0x10, false);
            ram.markAllocated(0x8, 0x10);
            assertEquals(List.of(free(0, 7), used(8, 0x17), free(0x18, 0x1f)), ram.memoryMap());
        }

        @Test
        void errorsInOrder() {
            OptimizedGuestRam ram = ram(0x100, 1);
            ram.registerAt(0, 0x20, false);
            ram.registerAt(0x30, 0x10, false);
            ram.markAllocated(0x10, 0x8);
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.markAllocated(0x40, 0));
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.markAllocated(0xff, 2));
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.markAllocated(0x18, 0x20));
            // A range over allocated bytes and a gap: NOT_RAM comes first.
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.markAllocated(0x10, 0x30));
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.markAllocated(0x20, 1));
            rejects(ErrorCode.ALREADY_ALLOCATED, ram, () -> ram.markAllocated(0x17, 2));
            rejects(ErrorCode.ALREADY_ALLOCATED, ram, () -> ram.markAllocated(0x8, 0x18));
        }
    }

    @Nested
    class Allocate {

        @Test
        void firstFitSkipsATooSmallLowerRun() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x10, false);
            ram.registerAt(0x100, 0x40, false);
            assertEquals(0x100, ram.allocate(0x20));
            assertEquals(0, ram.allocate(0x10), "exact fit");
            assertEquals(0x120, ram.allocate(0x20), "exact fit of the rest");
            assertEquals(List.of(used(0, 0xf), used(0x100, 0x13f)), ram.memoryMap());
            rejects(ErrorCode.NO_SPACE, ram, () -> ram.allocate(1));
        }

        @Test
        void exactFitMergesWithAllocatedNeighboursOnBothSides() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x30, false);
            ram.markAllocated(0, 0x10);
            ram.markAllocated(0x20, 0x10);
            assertEquals(0x10, ram.allocate(0x10));
            assertEquals(List.of(used(0, 0x2f)), ram.memoryMap());
            assertEquals(2, ram.pieces().size(), "the allocated piece and the gap above it");
        }

        @Test
        void usesARunSpanningTwoAdjacentRegistrations() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x10, false);
            ram.registerAt(0x100, 0x10, false);
            ram.registerAt(0x110, 0x10, false);
            assertEquals(0x100, ram.allocate(0x18));
            assertEquals(List.of(free(0, 0xf), used(0x100, 0x117), free(0x118, 0x11f)), ram.memoryMap());
        }

        @Test
        void takesTheLastByteOfTheAddressSpace() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(MAX, 1, false);
            assertEquals(MAX, ram.allocate(1));
            ram.free(MAX, 1);
            assertEquals(List.of(free(MAX, MAX)), ram.memoryMap());
        }

        @Test
        void aRunOfAll2To64AddressesFitsAnySize() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, MAX, false);
            ram.registerAt(MAX, 1, false);
            assertEquals(List.of(free(0, MAX)), ram.memoryMap());
            assertEquals(new Region(0, MAX), ram.findLargestFreeRegion());
            assertEquals(0, ram.allocate(MAX));
            assertEquals(List.of(used(0, MAX - 1), free(MAX, MAX)), ram.memoryMap());
            assertEquals(new Region(MAX, 1), ram.findLargestFreeRegion());
        }

        @Test
        void errors() {
            OptimizedGuestRam ram = ram();
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.allocate(0));
            ram.registerAt(0, 0x10, false);
            rejects(ErrorCode.NO_SPACE, ram, () -> ram.allocate(0x11));
        }
    }

    @Nested
    class Free {

        @Test
        void coalescesWithFreeNeighboursLeftRightAndBoth() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x40, false);
            ram.markAllocated(0, 0x40);
            ram.free(0, 0x10);
            ram.free(0x10, 0x8);
            assertEquals(List.of(free(0, 0x17), used(0x18, 0x3f)), ram.memoryMap(), "left");
            ram.free(0x30, 0x10);
            ram.free(0x28, 0x8);
            assertEquals(List.of(free(0, 0x17), used(0x18, 0x27), free(0x28, 0x3f)), ram.memoryMap(), "right");
            ram.free(0x18, 0x10);
            assertEquals(List.of(free(0, 0x3f)), ram.memoryMap(), "both");
        }

        @Test
        void freesTheMiddleOfTwoMergedAllocations() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x20, false);
            assertEquals(0, ram.allocate(0x10));
            assertEquals(0x10, ram.allocate(0x10));
            ram.free(0x8, 0x10);
            assertEquals(List.of(used(0, 7), free(8, 0x17), used(0x18, 0x1f)), ram.memoryMap());
        }

        @Test
        void errorsInOrder() {
            OptimizedGuestRam ram = ram(0x100, 1);
            ram.registerAt(0, 0x20, false);
            ram.markAllocated(0x10, 0x10);
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.free(0x10, 0));
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.free(0x10, MAX));
            rejects(ErrorCode.NOT_ALLOCATED, ram, () -> ram.free(0xf, 2));
            rejects(ErrorCode.NOT_ALLOCATED, ram, () -> ram.free(0x1f, 2));
            rejects(ErrorCode.NOT_ALLOCATED, ram, () -> ram.free(0x80, 1));
        }
    }

    @Nested
    class FindLargestFreeRegion {

        @Test
        void picksTheLowestOfEqualRuns() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0x100, 0x10, false);
            ram.registerAt(0x200, 0x20, false);
            ram.registerAt(0x300, 0x20, false);
            assertEquals(new Region(0x200, 0x20), ram.findLargestFreeRegion());
            ram.markAllocated(0x200, 1);
            assertEquals(new Region(0x300, 0x20), ram.findLargestFreeRegion());
        }

        @Test
        void failsWhenEverythingIsAllocated() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x10, false);
            ram.allocate(0x10);
            rejects(ErrorCode.NO_FREE_REGION, ram, ram::findLargestFreeRegion);
        }
    }

    @Nested
    class Touch {

        @Test
        void chunksNeverCrossAPage() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 4 * PAGE, false);
            List<Chunk> seen = new ArrayList<>();
            assertEquals(0, ram.touch(PAGE - 2, PAGE + 4, recordInto(seen)));
            assertEquals(List.of(new Chunk(PAGE - 2, 2, 0), new Chunk(PAGE, PAGE, 2), new Chunk(2 * PAGE, 2, PAGE + 2)), seen);
        }

        @Test
        void stopsAtTheFirstNonZeroResult() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 4 * PAGE, false);
            List<Chunk> seen = new ArrayList<>();
            assertEquals(-7, ram.touch(0, 4 * PAGE, (chunk, memory) -> {
                seen.add(chunk);
                return seen.size() == 2 ? -7 : 0;
            }));
            assertEquals(2, seen.size());
        }

        @Test
        void crossesAllocationsAndAdjacentRegistrationsButNotGaps() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, PAGE, false);
            ram.registerAt(PAGE, PAGE, false);
            ram.markAllocated(0x10, 0x10);
            assertEquals(0, ram.touch(0, 2 * PAGE, (chunk, memory) -> 0));
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.touch(0, 2 * PAGE + 1, (chunk, memory) -> 0));
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.touch(2 * PAGE, 1, (chunk, memory) -> 0));
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.touch(2 * PAGE, 0, (chunk, memory) -> 0));
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.touch(2, MAX, (chunk, memory) -> 0));
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.touch(1, MAX, (chunk, memory) -> 0), "ends at 2^64: valid");
        }

        @Test
        void visitsTheLastByteOfTheAddressSpace() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(MAX - PAGE, PAGE + 1, false);
            List<Chunk> seen = new ArrayList<>();
            assertEquals(0, ram.touch(MAX - 1, 2, recordInto(seen)));
            assertEquals(List.of(new Chunk(MAX - 1, 2, 0)), seen);
            ram.write(MAX, new byte[] {42});
            assertArrayEquals(new byte[] {0, 42}, ram.read(MAX - 1, 2));
        }

        @Test
        void aThrowingCallbackPropagatesAndChangesNoAllocation() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 2 * PAGE, false);
            ram.markAllocated(0, 0x10);
            List<Piece> before = ram.memoryMap();
            IllegalStateException boom = new IllegalStateException("boom");
            byte[] page = new byte[PAGE_INT];
            page[0] = 1;
            page[1] = 2;
            page[2] = 3;
            assertSame(boom, assertThrows(IllegalStateException.class,
                    () -> ram.touch(0, 2 * PAGE, (chunk, memory) -> {
                        memory.copyFrom(page, 0);
                        throw boom;
                    })));
            assertEquals(before, ram.memoryMap());
            assertArrayEquals(new byte[] {1, 2, 3, 0}, ram.read(0, 4), "the first chunk was written, as in the model");
            assertEquals(0x10, ram.allocate(1));
        }
    }

    @Nested
    class ReadWrite {

        @Test
        void roundTripsAcrossPagesAndAllocationBoundaries() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 3 * PAGE, false);
            ram.markAllocated(PAGE - 3, 5);
            byte[] data = new byte[PAGE_INT + 10];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 7 + 1);
            }
            ram.write(PAGE - 5, data);
            assertArrayEquals(data, ram.read(PAGE - 5, data.length));
            assertArrayEquals(new byte[] {0, data[0]}, ram.read(PAGE - 6, 2));
            assertEquals(3, ram.residentFrames(), "frames 0, 1 and 2");
        }

        @Test
        void neverWrittenBytesReadAsZeroWithoutStorage() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(1L << 40, 1L << 40, false);
            assertArrayEquals(new byte[100], ram.read((1L << 41) - 100, 100));
            ram.write(1L << 40, new byte[PAGE_INT]);
            assertEquals(0, ram.residentFrames(), "neither reads nor zero writes take storage");
            ram.write((1L << 41) - 1, new byte[] {9});
            assertEquals(1, ram.residentFrames());
        }

        @Test
        void aOneGibPageIsStoredIn4KibFrames() {
            OptimizedGuestRam ram = ram(new Config(Profile.SPEC, MAX, Config.MAX_PAGE_SIZE, List.of(new Window(0, MAX))));
            long at = ram.register(Config.MAX_PAGE_SIZE);
            ram.write(at + 12345, new byte[] {1});
            assertEquals(1, ram.residentFrames());
            assertArrayEquals(new byte[] {0, 1, 0}, ram.read(at + 12344, 3));
        }

        @Test
        void aShortBufferGetsWhatTheModelWouldCopy() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x10, false);
            ram.write(0, new byte[] {1, 2, 3, 4});
            assertThrows(ArrayIndexOutOfBoundsException.class,
                    () -> ram.touch(0, 4, (chunk, memory) -> {
                        memory.copyFrom(new byte[] {5, 6}, 0);
                        return 0;
                    }));
            assertArrayEquals(new byte[] {5, 6, 3, 4}, ram.read(0, 4));
            byte[] into = new byte[3];
            assertThrows(ArrayIndexOutOfBoundsException.class,
                    () -> ram.touch(0, 4, (chunk, memory) -> {
                        memory.copyTo(into, 1);
                        return 0;
                    }));
            assertArrayEquals(new byte[] {0, 5, 6}, into);
        }

        @Test
        void rejectsUnregisteredBytes() {
            OptimizedGuestRam ram = ram();
            ram.registerAt(0, 0x10, false);
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.read(0x8, 0x9));
            rejects(ErrorCode.NOT_RAM, ram, () -> ram.write(0x10, new byte[1]));
            rejects(ErrorCode.INVALID_RANGE, ram, () -> ram.read(0x8, 0));
        }
    }
}
