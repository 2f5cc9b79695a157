package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Piece;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * States of the tree that random calls rarely or never reach, built on purpose with the default
 * node sizes (32 pieces a leaf, 64 children an inner node), each checked against the invariants
 * and the memory map that the calls imply. The tree's shape is read through reflection, only to
 * make sure that the state meant is the state built.
 */
class PieceTreeShapesTest {

    private static final int LEAF = 1 << PieceTree.LEAF_BITS;
    /** A window's end below the gap above every registration. */
    private static final long MAX_LOW = 0x8fff;

    /**
     * A leaf that falls to 7 pieces (below its minimum of 8) beside a right sibling of 31 or 32:
     * the two do not fit in one leaf, so the short one borrows, and takes 12 or 13 pieces, up to
     * 19 of its 32 slots. The leaves are numbered 0, 2, 1 in address order (the second split
     * took the middle of leaf 0), so a copy past leaf 0's 32 slots would land on leaf 1's first
     * piece. At exactly its minimum of 8 the leaf stays as it is.
     */
    @Test
    void aLeafOfSevenBorrowsFromAFullSibling() {
        Expected expected = new Expected(0x1000, 0x10fff);
        PieceTree tree = threeLeaves(expected);
        while (count(tree, 2) < LEAF - 1) {
            allocate(tree, expected, middleOfAFreePiece(tree, firstKey(tree, 2), firstKey(tree, 1), 0));
        }
        int right = count(tree, 2);
        assertEquals(LEAF - 1, right);
        assertEquals(8, shrinkLeafZeroUntilItRebalances(tree, expected, right), "leaf 0 held its minimum before");
        assertEquals(List.of(0, 2, 1), leavesInOrder(tree), "borrowed, not merged");
        assertEquals(6 + right, count(tree, 0) + count(tree, 2), "7 and " + right + " pieces, then one deleted");
        assertTrue(count(tree, 0) >= (7 + right) / 2 - 1, "leaf 0 holds " + count(tree, 0));
    }

    /** The same leaf of 7 beside a sibling of 25: the two fill one leaf exactly, so they merge. */
    @Test
    void aLeafOfSevenMergesWithASiblingOf25() {
        Expected expected = new Expected(0x1000, 0x10fff);
        PieceTree tree = threeLeaves(expected);
        while (count(tree, 2) < 25) {
            allocate(tree, expected, middleOfAFreePiece(tree, firstKey(tree, 2), firstKey(tree, 1), 0));
        }
        assertEquals(25, count(tree, 2));
        assertEquals(8, shrinkLeafZeroUntilItRebalances(tree, expected, 25), "leaf 0 held its minimum before");
        assertEquals(2, (int) get(tree, "freeLeaves"), "leaf 2 merged into leaf 0 and freed");
        assertEquals(31, count(tree, 0), "7 and 25 pieces, then one deleted");
    }

    /**
     * An insertion at slot 28 of a full leaf, the first slot of its last eighth, splits it near
     * its end (25 stay, as pieces added in address order would); one at slot 26 in the middle.
     */
    @Test
    void aFullLeafSplitsNearItsEndForAnInsertionIntoItsLastEighth() {
        for (int slot : new int[] {26, 28}) {
            PieceTree tree = new PieceTree(1);
            paint(tree, 0x1000, 0x1fff, PieceTree.GAP, PieceTree.FREE);
            // G, F, then (A, F) pairs: 31 pieces, the free ones at odd slots.
            for (long a = 0x1008; tree.size() < LEAF - 1; a += 0x10) {
                paint(tree, a, a, PieceTree.FREE, PieceTree.ALLOCATED);
            }
            assertEquals(1, leavesUsed(tree));
            // Into the free piece at slot 25 or 27: its head stays, a free tail goes after it
            // (32 pieces), then the allocated byte at slot 26 or 28 splits the leaf.
            long freeFirst = ((long[]) get(tree, "leafKeys"))[slot - 1];
            assertTrue(tree.repaint(freeFirst + 2, freeFirst + 2, PieceTree.FREE, PieceTree.ALLOCATED));
            tree.checkInvariants();
            assertEquals(2, leavesUsed(tree));
            assertEquals(slot == 28 ? 25 : 16, count(tree, 0), "leaf 0 after an insertion at slot " + slot);
        }
    }

    /**
     * An inner node that falls to exactly its minimum of two children (a quarter of four) keeps
     * them: only below that does a node borrow or merge. With leaves of two pieces, freeing
     * bytes in a random order empties leaves and takes children from inner nodes; some free
     * must take one child from an inner node of three (not its parent's first child) and change
     * no other inner node's children. (A first child at two beside a sibling of three would
     * borrow nothing, so it is left out.)
     */
    @Test
    void anInnerNodeAtItsMinimumStaysAsItIs() {
        PieceTree tree = new PieceTree(1, 1, 2);
        paint(tree, 0x1000, 0x1fff, PieceTree.GAP, PieceTree.FREE);
        List<Long> bytes = new ArrayList<>();
        for (long a = 0x1001; a < 0x1400; a += 4) {
            paint(tree, a, a, PieceTree.FREE, PieceTree.ALLOCATED);
            bytes.add(a);
        }
        java.util.Collections.shuffle(bytes, new java.util.Random(7));
        int seen = 0;
        for (long a : bytes) {
            java.util.Map<Integer, List<Integer>> before = innerChildren(tree);
            paint(tree, a, a, PieceTree.ALLOCATED, PieceTree.FREE);
            java.util.Map<Integer, List<Integer>> after = innerChildren(tree);
            List<Integer> changed = new ArrayList<>();
            for (java.util.Map.Entry<Integer, List<Integer>> node : after.entrySet()) {
                if (!node.getValue().equals(before.get(node.getKey()))) {
                    changed.add(node.getKey());
                }
            }
            if (before.keySet().equals(after.keySet()) && changed.size() == 1) {
                int node = changed.get(0);
                if (before.get(node).size() == 3 && after.get(node).size() == 2 && before.get(node).containsAll(after.get(node))
                        && !firstChildren(tree).contains(node)) {
                    seen++;
                }
            }
        }
        assertEquals(3, tree.size());
        assertTrue(seen > 0, "no inner node seen falling to its minimum alone");
    }

    /** The inner nodes below the root, each with its children in order (inner nodes of four). */
    private static java.util.Map<Integer, List<Integer>> innerChildren(PieceTree tree) {
        java.util.Map<Integer, List<Integer>> children = new java.util.HashMap<>();
        collectInner(tree, (int) get(tree, "root"), (int) get(tree, "height"), children, new java.util.HashSet<>());
        return children;
    }

    /** The inner nodes below the root that are their parent's first child. */
    private static java.util.Set<Integer> firstChildren(PieceTree tree) {
        java.util.Set<Integer> first = new java.util.HashSet<>();
        collectInner(tree, (int) get(tree, "root"), (int) get(tree, "height"), new java.util.HashMap<>(), first);
        return first;
    }

    private static void collectInner(PieceTree tree, int node, int level, java.util.Map<Integer, List<Integer>> children,
            java.util.Set<Integer> first) {
        long[] inner = (long[]) get(tree, "inner");
        int[] innerCount = (int[]) get(tree, "innerCount");
        List<Integer> mine = new ArrayList<>();
        for (int slot = 0; slot < innerCount[node]; slot++) {
            mine.add((int) inner[(((node << 2) + slot) << 2) + 1]);
        }
        if (node != (int) get(tree, "root")) {
            children.put(node, mine);
        }
        if (level <= 1) {
            return;
        }
        first.add(mine.get(0));
        for (int child : mine) {
            collectInner(tree, child, level - 1, children, first);
        }
    }

    /**
     * Single bytes allocated and freed at random, in phases that fill the range (80% of the
     * picks allocate) and empty it (20%), with leaves of two pieces and inner nodes of four, the
     * invariants checked after every call: the tree gains and loses levels many times. A key
     * change travels up a chain of first children; the walk records no slot at the leaf's depth,
     * so what lies there is left over from when the tree was taller, and must not decide how far
     * the change goes. Seed 105 was picked because it makes such a refresh (a leaf's new first
     * key going up through two first children, right after the tree lost a level, with a slot
     * left over that is not 0) early on; no seed below 105 does within 20 phases.
     */
    @Test
    void keyChangesGoUpToTheRootAfterTheTreeLostALevel() {
        PieceTree tree = new PieceTree(1, 1, 2);
        java.util.Random random = new java.util.Random(105);
        paint(tree, 0x1000, 0x1fff, PieceTree.GAP, PieceTree.FREE);
        boolean[] allocated = new boolean[0x1000];
        for (int phase = 0; phase < 4; phase++) {
            double allocating = phase % 2 == 0 ? 0.8 : 0.2;
            for (int i = 0; i < 1500; i++) {
                int k = random.nextInt(0x1000);
                boolean allocate = random.nextDouble() < allocating;
                if (allocate != allocated[k]) {
                    paint(tree, 0x1000 + k, 0x1000 + k, allocate ? PieceTree.FREE : PieceTree.ALLOCATED,
                            allocate ? PieceTree.ALLOCATED : PieceTree.FREE);
                    allocated[k] = allocate;
                }
            }
        }
        List<Piece> expected = new ArrayList<>();
        for (int k = 0; k < 0x1000; k++) {
            int last = k;
            while (last + 1 < 0x1000 && allocated[last + 1] == allocated[k]) {
                last++;
            }
            expected.add(new Piece(0x1000 + k, 0x1000 + last, allocated[k]));
            k = last;
        }
        assertEquals(expected, tree.registeredPieces());
    }

    /**
     * Pieces added to one free range in address order, then 1-byte insertions into leaf 0's
     * upper half until it splits: leaves 0, 2, 1 in address order, an even count in leaf 0 (so
     * that freeing bytes takes it to exactly 8) and an odd one in leaf 2.
     */
    private static PieceTree threeLeaves(Expected expected) {
        PieceTree tree = new PieceTree(1);
        paint(tree, expected.first, expected.last, PieceTree.GAP, PieceTree.FREE);
        for (long a = expected.first + 8; leavesUsed(tree) == 1; a += 0x10) {
            allocate(tree, expected, a);
        }
        while (leavesUsed(tree) == 2) {
            allocate(tree, expected, middleOfAFreePiece(tree, 0, firstKey(tree, 1), 10));
        }
        assertEquals(List.of(0, 2, 1), leavesInOrder(tree));
        assertEquals(0, count(tree, 0) % 2, "leaf 0 holds " + count(tree, 0));
        assertEquals(1, count(tree, 2) % 2, "leaf 2 holds " + count(tree, 2));
        return tree;
    }

    /**
     * Frees allocated bytes inside leaf 0, each joining its two free neighbours (two pieces
     * fewer, one at a time), until the leaf borrows or merges; leaf 2 stays as it is until then.
     * Returns leaf 0's count before the last free.
     */
    private static int shrinkLeafZeroUntilItRebalances(PieceTree tree, Expected expected, int right) {
        while (true) {
            int before = count(tree, 0);
            assertTrue(before >= LEAF / 4, "leaf 0 went below its minimum: " + before);
            free(tree, expected, anInnerAllocatedByte(tree, 0, firstKey(tree, 2)));
            if (count(tree, 0) > before || (int) get(tree, "freeLeaves") != -1) {
                return before;
            }
            assertEquals(right, count(tree, 2), "leaf 2 while leaf 0 holds " + count(tree, 0));
        }
    }

    /**
     * A free piece that alone held its leaf's longest free run (31 bytes, the others 15) loses
     * its last byte to the allocated piece above it, inside a leaf under an inner node: only
     * the boundary moves, and the leaf's cache must follow the piece down to 30.
     */
    @Test
    void aFreePieceHoldingItsLeafsLongestRunShrinksFromItsEnd() {
        PieceTree tree = new PieceTree(1);
        paint(tree, 0x1000, 0x127f, PieceTree.GAP, PieceTree.FREE);
        for (int i = 0; i < 40; i++) {
            if (i != 3) {
                paint(tree, 0x100f + 0x10 * i, 0x100f + 0x10 * i, PieceTree.FREE, PieceTree.ALLOCATED);
            }
        }
        assertEquals(1, (int) get(tree, "height"));
        assertTrue(tree.hasFreeRun(31));
        paint(tree, 0x104e, 0x104e, PieceTree.FREE, PieceTree.ALLOCATED);
        assertTrue(tree.hasFreeRun(30));
        assertTrue(!tree.hasFreeRun(31), "the only run of 31 bytes is 30 now");
        assertEquals(0x1030, tree.lowestFreeRun(16));
    }

    /** The same for a gap that alone held its leaf's largest capacity, its last byte registered. */
    @Test
    void aGapHoldingItsLeafsLargestCapacityShrinksFromItsEnd() {
        PieceTree tree = new PieceTree(1);
        for (int i = 0; i < 40; i++) {
            if (i != 3) {
                paint(tree, 0x10 * i, 0x10 * i, PieceTree.GAP, PieceTree.FREE);
            }
        }
        assertEquals(1, (int) get(tree, "height"));
        assertEquals(OptionalLong.of(0x21), tree.lowestAlignedFit(0, 0x26f, 31));
        paint(tree, 0x3f, 0x3f, PieceTree.GAP, PieceTree.FREE);
        assertEquals(OptionalLong.of(0x21), tree.lowestAlignedFit(0, 0x26f, 30));
        assertEquals(OptionalLong.empty(), tree.lowestAlignedFit(0, 0x26f, 31));
    }

    /**
     * A gap that alone held its leaf's largest capacity (15 bytes, the others 7) loses its first
     * byte to the long free piece below it: the boundary moves up, and the leaf's cache must
     * follow the gap, whatever the free piece's length.
     */
    @Test
    void aGapHoldingItsLeafsLargestCapacityShrinksFromItsStart() {
        PieceTree tree = new PieceTree(1);
        paint(tree, 0, 0x63, PieceTree.GAP, PieceTree.FREE);
        for (int i = 0; i < 40; i++) {
            paint(tree, 0x73 + 8 * i, 0x73 + 8 * i, PieceTree.GAP, PieceTree.FREE);
        }
        assertEquals(1, (int) get(tree, "height"));
        assertEquals(OptionalLong.of(0x64), tree.lowestAlignedFit(0, 0x100, 15));
        paint(tree, 0x64, 0x64, PieceTree.GAP, PieceTree.FREE);
        assertEquals(OptionalLong.of(0x65), tree.lowestAlignedFit(0, 0x100, 14));
        assertEquals(OptionalLong.empty(), tree.lowestAlignedFit(0, 0x100, 15));
    }

    /**
     * The gap at address 0 grows over the head of the free piece above it (the tree allows it,
     * though no call of the interface unregisters) and passes the leaf's largest gap, which it
     * did not hold before: the leaf's cache must take its new capacity.
     */
    @Test
    void theGapAtAddressZeroGrowsPastItsLeafsLargestGap() {
        // Gaps of 0x1000 and 0x1800, then the leaf's longest free piece (so that the free piece
        // above address 0 losing its head changes no maximum of its own), then short ones.
        PieceTree tree = new PieceTree(1);
        paint(tree, 0x1000, 0x2fff, PieceTree.GAP, PieceTree.FREE);
        paint(tree, 0x4800, 0x7fff, PieceTree.GAP, PieceTree.FREE);
        for (int i = 0; i < 40; i++) {
            paint(tree, 0x9000 + 0x10 * i, 0x9000 + 0x10 * i, PieceTree.GAP, PieceTree.FREE);
        }
        assertEquals(1, (int) get(tree, "height"));
        assertEquals(OptionalLong.of(0x3000), tree.lowestAlignedFit(1, MAX_LOW, 0x1800));
        paint(tree, 0x1000, 0x1fff, PieceTree.FREE, PieceTree.GAP);
        assertEquals(OptionalLong.of(1), tree.lowestAlignedFit(1, MAX_LOW, 0x1fff));
        assertEquals(OptionalLong.of(0x3000), tree.lowestAlignedFit(0x1000, MAX_LOW, 0x1800));
    }

    /**
     * Issue 16's bound on memory: at most 24 bytes per piece (bench/RESULTS.md measures 16 with
     * JOL at 10^6 pieces). Here the bytes counted are the lengths of the tree's own arrays, which
     * hold everything that grows with the pieces, pool slack included; the bound must hold at
     * every size from 10^4 to 10^5 pieces, whether the pieces come in address order (as the
     * benchmark builds them) or in a random one.
     */
    @Test
    void aPieceCostsAtMost24BytesOfArrays() {
        int n = 50_000;
        for (boolean shuffled : new boolean[] {false, true}) {
            PieceTree tree = new PieceTree(1);
            paint(tree, 0x1000, 0x1000 + 4L * n - 1, PieceTree.GAP, PieceTree.FREE);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                order.add(i);
            }
            if (shuffled) {
                java.util.Collections.shuffle(order, new java.util.Random(16));
            }
            for (int i : order) {
                long a = 0x1001 + 4L * i;
                assertTrue(tree.repaint(a, a, PieceTree.FREE, PieceTree.ALLOCATED));
                if (tree.size() >= 10_000) {
                    double perPiece = (double) arrayBytes(tree) / tree.size();
                    assertTrue(perPiece <= 24, perPiece + " bytes per piece at " + tree.size() + " pieces"
                            + (shuffled ? ", random order" : ", address order"));
                }
            }
            tree.checkInvariants();
            assertEquals(2 * n + 3, tree.size());
            if (!shuffled) {
                // The class comment's promise for this order, on which the 16 bytes measured rest.
                double fill = (double) tree.size() / (LEAF * leavesUsed(tree));
                assertTrue(fill >= 0.75, "leaves " + fill + " full in address order, about 0.8 promised");
            }
        }
    }

    /**
     * Freed nodes are reused before the pools grow: a tree grown to three levels and freed back
     * to one leaf, twice, needs no node the first round did not.
     */
    @Test
    void aSecondRoundReusesTheFreedNodes() {
        PieceTree tree = new PieceTree(1, 2, 2);
        int[] leaves = new int[2];
        int[] inners = new int[2];
        for (int round = 0; round < 2; round++) {
            paint(tree, 0x1000, 0x1fff, PieceTree.GAP, PieceTree.FREE);
            for (long a = 0x1001; a < 0x1200; a += 4) {
                paint(tree, a, a, PieceTree.FREE, PieceTree.ALLOCATED);
            }
            assertTrue((int) get(tree, "height") >= 3);
            for (long a = 0x1001; a < 0x1200; a += 4) {
                paint(tree, a, a, PieceTree.ALLOCATED, PieceTree.FREE);
            }
            paint(tree, 0x1000, 0x1fff, PieceTree.FREE, PieceTree.GAP);
            assertEquals(0, (int) get(tree, "height"));
            assertEquals(1, tree.size());
            leaves[round] = leavesUsed(tree);
            inners[round] = (int) get(tree, "innersUsed");
        }
        assertEquals(leaves[0], leaves[1], "leaves in the pool after each round");
        assertEquals(inners[0], inners[1], "inner nodes in the pool after each round");
    }

    // --- building

    private static void paint(PieceTree tree, long first, long last, byte from, byte to) {
        assertTrue(tree.repaint(first, last, from, to));
        tree.checkInvariants();
    }

    private static void allocate(PieceTree tree, Expected expected, long address) {
        paint(tree, address, address, PieceTree.FREE, PieceTree.ALLOCATED);
        expected.allocated.add(address);
        assertEquals(expected.map(), tree.registeredPieces());
    }

    private static void free(PieceTree tree, Expected expected, long address) {
        paint(tree, address, address, PieceTree.ALLOCATED, PieceTree.FREE);
        expected.allocated.remove(address);
        assertEquals(expected.map(), tree.registeredPieces());
    }

    /** The middle byte of the {@code skip}th free piece of at least 3 bytes starting in {@code lo..hi - 1}. */
    private static long middleOfAFreePiece(PieceTree tree, long lo, long hi, int skip) {
        int seen = 0;
        for (Piece p : tree.registeredPieces()) {
            if (!p.allocated() && p.first() >= lo && p.first() < hi && p.last() - p.first() >= 2 && seen++ == skip) {
                return p.first() + (p.last() - p.first()) / 2;
            }
        }
        throw new AssertionError("no free piece of 3 bytes in the range");
    }

    /** An allocated byte with free pieces on both sides, all three starting in {@code lo..hi - 1}. */
    private static long anInnerAllocatedByte(PieceTree tree, long lo, long hi) {
        List<Piece> pieces = tree.registeredPieces();
        for (int i = 1; i + 1 < pieces.size(); i++) {
            Piece p = pieces.get(i);
            if (p.allocated() && p.first() == p.last() && pieces.get(i - 1).first() >= lo
                    && pieces.get(i + 1).first() < hi && !pieces.get(i - 1).allocated() && !pieces.get(i + 1).allocated()) {
                return p.first();
            }
        }
        throw new AssertionError("no allocated byte between free pieces in the range");
    }

    /** One registered range with single allocated bytes in it: the memory map it must have. */
    private static final class Expected {
        final long first;
        final long last;
        final java.util.TreeSet<Long> allocated = new java.util.TreeSet<>();

        Expected(long first, long last) {
            this.first = first;
            this.last = last;
        }

        List<Piece> map() {
            List<Piece> map = new ArrayList<>();
            long next = first;
            for (long a : allocated) {
                if (a > next) {
                    map.add(new Piece(next, a - 1, false));
                }
                map.add(new Piece(a, a, true));
                next = a + 1;
            }
            if (next <= last) {
                map.add(new Piece(next, last, false));
            }
            return map;
        }
    }

    // --- the shape, read through reflection

    private static int leavesUsed(PieceTree tree) {
        return (int) get(tree, "leavesUsed");
    }

    private static int count(PieceTree tree, int leaf) {
        return ((int[]) get(tree, "leafCount"))[leaf];
    }

    private static long firstKey(PieceTree tree, int leaf) {
        return ((long[]) get(tree, "leafKeys"))[leaf << PieceTree.LEAF_BITS];
    }

    /** The leaves in use, ordered by their first key. */
    private static List<Integer> leavesInOrder(PieceTree tree) {
        List<Integer> leaves = new ArrayList<>();
        int freeHead = (int) get(tree, "freeLeaves");
        assertEquals(-1, freeHead, "no leaf freed");
        for (int leaf = 0; leaf < leavesUsed(tree); leaf++) {
            leaves.add(leaf);
        }
        leaves.sort((a, b) -> Long.compareUnsigned(firstKey(tree, a), firstKey(tree, b)));
        return leaves;
    }

    /** The bytes of the arrays that grow with the tree: its leaves, its inner nodes, their counts. */
    private static long arrayBytes(PieceTree tree) {
        return 8L * ((long[]) get(tree, "leafKeys")).length + ((byte[]) get(tree, "leafKinds")).length
                + 4L * ((int[]) get(tree, "leafCount")).length + 8L * ((long[]) get(tree, "inner")).length
                + 4L * ((int[]) get(tree, "innerCount")).length;
    }

    private static Object get(Object target, String name) {
        try {
            Field f = target.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
