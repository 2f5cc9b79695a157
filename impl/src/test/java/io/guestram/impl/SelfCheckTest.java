package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The self-checks check: each invariant of {@link PieceTree}, broken by hand (through
 * reflection on its arrays, as no call of the interface can break one), is reported by
 * {@link PieceTree#checkInvariants}, and so by {@link OptimizedGuestRam#checkInvariants} and
 * {@link ConcurrentGuestRam#checkInvariants}. Every differential and unit test leans on these
 * checks; a check that passed everything would make them prove much less.
 */
class SelfCheckTest {

    /**
     * Gap, free, allocated, free, gap: {@code [0x10, 0x1f]} registered, {@code [0x14, 0x17]}
     * allocated. With {@code leafBits} 5 one leaf holds them all (keys 0, 0x10, 0x14, 0x18,
     * 0x20); with 1, leaves of two pieces under inner nodes.
     */
    private static OptimizedGuestRam fiveRam(int leafBits) {
        OptimizedGuestRam ram = new OptimizedGuestRam(Config.defaults(Profile.SPEC), leafBits, 2);
        ram.registerAt(0x10, 0x10, false);
        ram.markAllocated(0x14, 4);
        ram.checkInvariants();
        assertEquals(5, ram.pieces().size());
        return ram;
    }

    private static void assertBroken(int leafBits, String expected, Consumer<PieceTree> corruption) {
        OptimizedGuestRam ram = fiveRam(leafBits);
        corruption.accept(ram.pieces());
        for (Executable check : List.<Executable>of(ram.pieces()::checkInvariants, ram::checkInvariants,
                () -> ConcurrentGuestRam.shared(ram).checkInvariants(),
                () -> ConcurrentGuestRam.exclusive(ram).checkInvariants())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, check);
            assertTrue(e.getMessage().startsWith("PieceTree invariant broken: "), e.getMessage());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void aWrongPieceCount() {
        assertBroken(5, "piece count 6 but 5 pieces", tree -> set(tree, "size", 6));
    }

    @Test
    void aFirstPieceNotAtZero() {
        assertBroken(5, "piece GAP[0x1..0xf] does not follow", tree -> keys(tree)[0] = 1);
    }

    @Test
    void keysOutOfOrder() {
        assertBroken(5, "piece FREE[0x10..0xe] does not follow GAP[0x0..0xf]", tree -> keys(tree)[2] = 0xf);
    }

    @Test
    void twoAdjacentPiecesOfOneKind() {
        assertBroken(5, "adjacent pieces of one kind: FREE[0x10..0x13] FREE[0x14..0x17]",
                tree -> kinds(tree)[2] = PieceTree.FREE);
    }

    @Test
    void aPieceOfNoKind() {
        assertBroken(5, "piece kind 7[0x14..0x17] has no kind", tree -> kinds(tree)[2] = 7);
    }

    @Test
    void anEmptyLeaf() {
        assertBroken(5, "leaf 0 holds 0 entries", tree -> ((int[]) get(tree, "leafCount"))[0] = 0);
    }

    @Test
    void anOverfullLeaf() {
        assertBroken(1, "holds 3 entries", tree -> ((int[]) get(tree, "leafCount"))[leafOf(tree, 0x10)] = 3);
    }

    @Test
    void aStaleCache() {
        assertBroken(1, "caches (0x0, ", tree -> {
            long[] inner = inner(tree);
            for (int e = 2; e < inner.length; e += 4) {
                if (inner[e] == 4) {
                    inner[e] = 0;
                    return;
                }
            }
            throw new AssertionError("no inner slot caches the free run of 4");
        });
    }

    @Test
    void aStaleGapFlag() {
        assertBroken(1, "recomputed (", tree -> {
            int root = (int) get(tree, "root");
            inner(tree)[entry(root, 0) + 1] ^= 1L << 32;
        });
    }

    @Test
    void aSeparatorAboveItsChildsFirstPiece() {
        // The child before it now ends at 0x10 instead of 0x0f: its last piece looks one byte longer.
        assertBroken(1, "for slot 0, recomputed (0x0, 0x11, true)", tree -> {
            int root = (int) get(tree, "root");
            long[] inner = inner(tree);
            assertEquals(0x10, inner[entry(root, 1)], "the second child starts at 0x10");
            inner[entry(root, 1)] = 0x11;
        });
    }

    @Test
    void aFirstSeparatorNotAtTheNodesStart() {
        assertBroken(1, "has key 0x1 in slot 0", tree -> {
            int root = (int) get(tree, "root");
            inner(tree)[entry(root, 0)] = 1;
        });
    }

    @Test
    void aNodeReachedTwice() {
        assertBroken(1, "broken: leaf ", tree -> {
            int root = (int) get(tree, "root");
            long[] inner = inner(tree);
            inner[entry(root, 1) + 1] = inner[entry(root, 0) + 1];
        });
    }

    @Test
    void aLeafBothInTheTreeAndFree() {
        assertBroken(5, "free leaf 0 is out of the pool, in the tree or listed twice", tree -> set(tree, "freeLeaves", 0));
    }

    @Test
    void aLostLeaf() {
        // One more leaf in use in the pool, neither in the tree nor on the free list.
        assertBroken(1, "leaves in the tree and 0 free, of", tree -> {
            int used = (int) get(tree, "leavesUsed");
            set(tree, "leafCount", Arrays.copyOf((int[]) get(tree, "leafCount"), used + 1));
            set(tree, "leafKeys", Arrays.copyOf(keys(tree), (used + 1) << 1));
            set(tree, "leafKinds", Arrays.copyOf(kinds(tree), (used + 1) << 1));
            set(tree, "leavesUsed", used + 1);
        });
    }

    @Test
    void aWrongHeight() {
        assertBroken(1, "PieceTree invariant broken", tree -> set(tree, "height", (int) get(tree, "height") + 1));
    }

    @Test
    void aHeightOfMaxDepth() {
        assertBroken(5, "height 40", tree -> set(tree, "height", 40));
    }

    @Test
    void aChildJustPastTheLeafPool() {
        assertBroken(1, "is out of the pool or reached twice", tree -> {
            int root = (int) get(tree, "root");
            inner(tree)[entry(root, 1) + 1] = (int) get(tree, "leavesUsed");
        });
    }

    @Test
    void aFreeListHeadJustPastThePool() {
        assertBroken(5, "free leaf 1 is out of the pool", tree -> set(tree, "freeLeaves", 1));
    }

    /** The slot named is the slot in the node, for a node other than inner node 0 too. */
    @Test
    void aWrongSeparatorInAnInnerNodeOtherThanTheFirst() {
        PieceTree tree = tallTree();
        int root = (int) get(tree, "root");
        inner(tree)[entry(root, 0)] = 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, tree::checkInvariants);
        assertTrue(e.getMessage().contains("inner node " + root + " has key 0x1 in slot 0 "), e.getMessage());
    }

    @Test
    void aStaleCacheInAnInnerNodeOtherThanTheFirst() {
        PieceTree tree = tallTree();
        int root = (int) get(tree, "root");
        inner(tree)[entry(root, 0) + 2] += 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, tree::checkInvariants);
        assertTrue(e.getMessage().contains("inner node " + root + " caches (") && e.getMessage().contains(") for slot 0, "),
                e.getMessage());
    }

    /** Leaves of two pieces, inner nodes of four, 21 pieces: inner nodes on three levels, so the root is not inner node 0. */
    private static PieceTree tallTree() {
        OptimizedGuestRam ram = new OptimizedGuestRam(Config.defaults(Profile.SPEC), 1, 2);
        for (int i = 0; i < 10; i++) {
            ram.registerAt(0x1000 + 0x2000L * i, 0x1000, false);
        }
        ram.checkInvariants();
        PieceTree tree = ram.pieces();
        assertEquals(3, (int) get(tree, "height"));
        assertTrue((int) get(tree, "root") != 0);
        return tree;
    }

    @Test
    void intactTreesPass() {
        for (int leafBits : new int[] {1, 5}) {
            OptimizedGuestRam ram = fiveRam(leafBits);
            ram.checkInvariants();
            ConcurrentGuestRam.shared(ram).checkInvariants();
        }
    }

    private static long[] keys(PieceTree tree) {
        return (long[]) get(tree, "leafKeys");
    }

    private static long[] inner(PieceTree tree) {
        return (long[]) get(tree, "inner");
    }

    /** Where the entry of slot {@code slot} of an inner node of 4 children starts: its key. */
    private static int entry(int node, int slot) {
        return ((node << 2) + slot) << 2;
    }

    private static byte[] kinds(PieceTree tree) {
        return (byte[]) get(tree, "leafKinds");
    }

    /** The leaf whose first piece starts at {@code first} (leaves of two pieces: leafBits 1). */
    private static int leafOf(PieceTree tree, long first) {
        long[] keys = keys(tree);
        int[] counts = (int[]) get(tree, "leafCount");
        for (int leaf = 0; leaf < counts.length; leaf++) {
            if (counts[leaf] > 0 && keys[leaf << 1] == first) {
                return leaf;
            }
        }
        throw new AssertionError("no leaf starts at " + first);
    }

    private static Object get(Object target, String name) {
        try {
            return field(target, name).get(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void set(Object target, String name, Object value) {
        try {
            field(target, name).set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static Field field(Object target, String name) throws NoSuchFieldException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
