package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tree on its own: the fit types, gap capacity, and its searches against the oracles at scale. */
class PieceTreeTest {

    private static final long MAX = U64.MAX;

    @Test
    void paintsEachFitType() {
        PieceTree tree = new PieceTree(1);
        paint(tree, 0x10, 0x1f, PieceTree.GAP, PieceTree.FREE);
        paint(tree, 0x10, 0x13, PieceTree.FREE, PieceTree.ALLOCATED);
        paint(tree, 0x1c, 0x1f, PieceTree.FREE, PieceTree.ALLOCATED);
        paint(tree, 0x16, 0x17, PieceTree.FREE, PieceTree.ALLOCATED);
        assertEquals(List.of(used(0x10, 0x13), free(0x14, 0x15), used(0x16, 0x17), free(0x18, 0x1b), used(0x1c, 0x1f)),
                tree.registeredPieces());
        assertEquals(7, tree.size());
        paint(tree, 0x14, 0x15, PieceTree.FREE, PieceTree.ALLOCATED);
        paint(tree, 0x18, 0x1b, PieceTree.FREE, PieceTree.ALLOCATED);
        assertEquals(List.of(used(0x10, 0x1f)), tree.registeredPieces());
        assertEquals(3, tree.size());
    }

    @Test
    void refusesRangesAcrossPiecesOrOfAnotherKindAndChangesNothing() {
        PieceTree tree = new PieceTree(1);
        paint(tree, 0x10, 0x1f, PieceTree.GAP, PieceTree.FREE);
        assertFalse(tree.repaint(0x10, 0x1f, PieceTree.ALLOCATED, PieceTree.FREE));
        assertFalse(tree.repaint(0x18, 0x20, PieceTree.FREE, PieceTree.ALLOCATED));
        assertFalse(tree.repaint(0x8, 0x10, PieceTree.GAP, PieceTree.FREE));
        assertThrows(IllegalArgumentException.class, () -> tree.repaint(0x10, 0x1f, PieceTree.FREE, PieceTree.FREE));
        tree.checkInvariants();
        assertEquals(List.of(free(0x10, 0x1f)), tree.registeredPieces());
    }

    @Test
    void gapCapacityIsWhatAnAlignedStartCanHold() {
        assertEquals(0, PieceTree.capacity(5, 7, 8), "no aligned start inside");
        assertEquals(1, PieceTree.capacity(5, 8, 8));
        assertEquals(0, PieceTree.capacity(MAX - 2, MAX, 8), "aligning up passes 2^64");
        assertEquals(8, PieceTree.capacity(MAX - 7, MAX, 8));
        assertEquals(MAX, PieceTree.capacity(0, MAX, 4096), "2^64 saturates");
        assertEquals(MAX - 4095, PieceTree.capacity(1, MAX, 4096));
    }

    @Test
    void manyGapsLongEnoughButMisalignedAreSkipped() {
        // Every 0x40 bytes a gap 0x11..0x2f: 0x1f bytes, at least 0x18, but with 0x20-byte pages
        // its aligned start 0x20 holds only 0x10. So 0x18 bytes fit only above all 1000 of them.
        PieceTree tree = new PieceTree(0x20);
        long end = 1000 * 0x40;
        paint(tree, 0, end - 1, PieceTree.GAP, PieceTree.FREE);
        for (long k = 0; k < end; k += 0x40) {
            paint(tree, k + 0x11, k + 0x2f, PieceTree.FREE, PieceTree.GAP);
        }
        tree.checkInvariants();
        assertEquals(2002, tree.size(), "1001 free pieces, 1000 gaps between, the gap above");
        assertEquals(OptionalLong.of(end), tree.lowestAlignedFit(0, MAX, 0x18));
        assertEquals(OptionalLong.of(0x20), tree.lowestAlignedFit(0, MAX, 0x10));
        assertEquals(OptionalLong.of(0x60), tree.lowestAlignedFit(0x21, MAX, 0x10), "clipped by the window");
        assertEquals(OptionalLong.empty(), tree.lowestAlignedFit(0x21, end, 0x18));
        assertEquals(OptionalLong.of(end), tree.lowestAlignedFit(0x21, end + 0x17, 0x18), "ends at the window's end");
    }

    @Test
    void nodeSizesUpTo1024AreAcceptedAndNoMore() {
        new PieceTree(1, 10, 10).checkInvariants();
        new PieceTree(1, 1, 2).checkInvariants();
        assertThrows(IllegalArgumentException.class, () -> new PieceTree(1, 11, 2));
        assertThrows(IllegalArgumentException.class, () -> new PieceTree(1, 1, 11));
        assertThrows(IllegalArgumentException.class, () -> new PieceTree(1, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new PieceTree(1, 1, 1));
    }

    /**
     * The gap below everything holds its leaf's largest gap capacity, and a registration takes
     * its tail, growing the free piece above it downwards: the boundary moves inside a leaf
     * under inner nodes, where only the two pieces at it are measured again. The gap at
     * position 0 must count as a gap there like any other.
     */
    @Test
    void theGapAtAddressZeroShrinksUnderInnerNodes() {
        // Leaves of 4: the first holds the gap [0, 0xfff], the free piece above it, a gap of 0x10
        // and the next free piece, so the gap at 0 holds that leaf's largest capacity.
        PieceTree tree = new PieceTree(0x10, 2, 2);
        paint(tree, 0x1000, 0x1fff, PieceTree.GAP, PieceTree.FREE);
        for (long k = 0; k < 6; k++) {
            paint(tree, 0x2010 + k * 0x20, 0x201f + k * 0x20, PieceTree.GAP, PieceTree.FREE);
        }
        tree.checkInvariants();
        paint(tree, 0xf00, 0xfff, PieceTree.GAP, PieceTree.FREE);
        tree.checkInvariants();
        assertEquals(OptionalLong.of(0), tree.lowestAlignedFit(0, MAX, 0xf00));
        assertEquals(OptionalLong.of(0x20c0), tree.lowestAlignedFit(0, MAX, 0xf01), "above the registrations");
    }

    @Test
    void aGapStartingAtTheWindowsLastByteHoldsOneByte() {
        PieceTree tree = new PieceTree(1);
        paint(tree, 0x10, 0x1f, PieceTree.GAP, PieceTree.FREE);
        assertEquals(OptionalLong.of(0x20), tree.lowestAlignedFit(0x15, 0x20, 1));
        assertEquals(OptionalLong.empty(), tree.lowestAlignedFit(0x15, 0x20, 2));
        assertEquals(OptionalLong.empty(), tree.lowestAlignedFit(0x15, 0x1f, 1));
    }

    /**
     * Tens of thousands of pieces from random calls, with the invariants checked and the
     * searches compared with their linear-scan oracles every few hundred calls.
     */
    @ParameterizedTest(name = "2^{0} pieces per leaf, 2^{1} children per inner node")
    @CsvSource({"5, 6", "2, 2", "1, 2"})
    void searchesAgreeWithTheOraclesAtScale(int leafBits, int fanoutBits) {
        Random random = new Random(42);
        Config config = Config.bounded(Profile.SPEC, 1L << 24, 16, List.of(new Window(5, (1L << 24) - 3)));
        OptimizedGuestRam ram = new OptimizedGuestRam(config, leafBits, fanoutBits);
        List<long[]> allocations = new ArrayList<>();
        for (int step = 1; step <= 40_000; step++) {
            try {
                randomCall(ram, random, allocations);
            } catch (GuestRamException expectedSometimes) {
                // Rejected calls change nothing; checked below like any other.
            }
            if (step % 2_000 == 0) {
                ram.checkInvariants();
                crossCheck(ram.pieces(), config.pageSize(), random);
            }
        }
        ram.checkInvariants();
        assertTrue(ram.pieces().size() > 10_000, "pieces: " + ram.pieces().size());
    }

    /**
     * Pieces added in address order (as the benchmarks build them) and then removed in a random
     * order, with small nodes: the tree grows to many levels by splits at the end of nodes, then
     * shrinks by borrowing and merging back to one leaf; the invariants are checked after every
     * call and the memory map compared with what was done.
     */
    @ParameterizedTest(name = "2^{0} pieces per leaf, 2^{1} children per inner node")
    @CsvSource({"2, 2", "3, 3", "5, 4"})
    void growsAndShrinksByLevels(int leafBits, int fanoutBits) {
        OptimizedGuestRam ram = new OptimizedGuestRam(Config.defaults(Profile.SPEC), leafBits, fanoutBits);
        int n = 3000;
        ram.registerAt(0x1000, 2L * n * 0x1000, false);
        for (int i = 0; i < n; i++) {
            ram.markAllocated(0x1000 + 2L * i * 0x1000, 0x1000);
            ram.checkInvariants();
        }
        assertEquals(2 * n + 2, ram.pieces().size(), "alternately allocated and free, the gaps around");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(3));
        for (int k = 0; k < n; k++) {
            ram.free(0x1000 + 2L * order.get(k) * 0x1000, 0x1000);
            ram.checkInvariants();
        }
        assertEquals(List.of(free(0x1000, 0x1000 + 2L * n * 0x1000 - 1)), ram.memoryMap());
        assertEquals(3, ram.pieces().size());
    }

    private static void randomCall(OptimizedGuestRam ram, Random random, List<long[]> allocations) {
        switch (random.nextInt(5)) {
            case 0:
                ram.registerAt(random.nextLong(1L << 24), 1 + random.nextInt(64), false);
                break;
            case 1:
                ram.register(1 + random.nextInt(40));
                break;
            case 2:
                long size = 1 + random.nextInt(24);
                allocations.add(new long[] {ram.allocate(size), size});
                break;
            default:
                if (!allocations.isEmpty()) {
                    long[] a = allocations.remove(random.nextInt(allocations.size()));
                    ram.free(a[0], a[1]);
                }
        }
    }

    private static void crossCheck(PieceTree tree, long pageSize, Random random) {
        for (int i = 0; i < 20; i++) {
            long length = 1 + random.nextInt(i < 10 ? 40 : 4000);
            assertEquals(PieceScans.lowestFreeRun(tree, length), PieceScans.searched(tree, length), "free run " + length);
            long lo = random.nextLong(1L << 24);
            long hi = lo + random.nextLong((1L << 24) - lo);
            assertEquals(PieceScans.lowestAlignedFit(tree, pageSize, lo, hi, length), tree.lowestAlignedFit(lo, hi, length),
                    "aligned fit of " + length + " in " + U64.hex(lo) + ".." + U64.hex(hi));
        }
    }

    private static void paint(PieceTree tree, long first, long last, byte from, byte to) {
        assertTrue(tree.repaint(first, last, from, to));
        tree.checkInvariants();
    }

    private static Piece free(long first, long last) {
        return new Piece(first, last, false);
    }

    private static Piece used(long first, long last) {
        return new Piece(first, last, true);
    }
}
