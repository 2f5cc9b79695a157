package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.U64;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The self-checks check: each invariant of {@link PieceTree}, broken by hand (through
 * reflection, as no call of the interface can break one), is reported by
 * {@link PieceTree#checkInvariants}, and so by {@link OptimizedGuestRam#checkInvariants} and
 * {@link ConcurrentGuestRam#checkInvariants}. Every differential and unit test leans on these
 * checks; a check that passed everything would make them prove much less.
 */
class SelfCheckTest {

    /** Gap, free, allocated, free, gap: {@code [0x10, 0x1f]} registered, {@code [0x14, 0x17]} allocated. */
    private static OptimizedGuestRam fiveRam() {
        OptimizedGuestRam ram = new OptimizedGuestRam(Config.defaults(Profile.SPEC));
        ram.registerAt(0x10, 0x10, false);
        ram.markAllocated(0x14, 4);
        ram.checkInvariants();
        assertEquals(5, ram.pieces().size());
        return ram;
    }

    private static void assertBroken(String expected, Consumer<PieceTree> corruption) {
        OptimizedGuestRam ram = fiveRam();
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
        assertBroken("piece count 6 but 5 nodes", tree -> set(tree, "size", 6));
    }

    @Test
    void aGapInTheTiling() {
        assertBroken("piece FREE[0x11..0x13] does not start at 0x10",
                tree -> set(nodes(tree).get(1), "first", 0x11L));
    }

    @Test
    void aPieceEndingBeforeItStarts() {
        assertBroken("does not start at", tree -> set(nodes(tree).get(1), "last", 0xfL));
    }

    @Test
    void twoAdjacentPiecesOfOneKind() {
        assertBroken("adjacent pieces of one kind: FREE[0x10..0x13] FREE[0x14..0x17]",
                tree -> set(nodes(tree).get(2), "kind", PieceTree.FREE));
    }

    @Test
    void aLastPieceShortOf2To64() {
        assertBroken("the last piece GAP[0x20..0xfffffffffffffffe] does not end at 2^64 - 1",
                tree -> set(nodes(tree).get(4), "last", U64.MAX - 1));
    }

    @Test
    void aWrongHeight() {
        assertBroken("has height", tree -> {
            Object root = get(tree, "root");
            set(root, "height", (byte) ((byte) get(root, "height") + 1));
        });
    }

    @Test
    void anUnbalancedTree() {
        // The same nodes as a chain leaning right: order, tiling, heights and caches all
        // consistent (recomputed by the tree's own update, bottom-up), the balance not.
        assertBroken("node ALLOCATED[0x14..0x17] has height 3 over subtrees of 0 and 2", tree -> {
            List<Object> nodes = nodes(tree);
            for (int i = nodes.size() - 1; i >= 0; i--) {
                Object node = nodes.get(i);
                set(node, "left", null);
                set(node, "right", i + 1 < nodes.size() ? nodes.get(i + 1) : null);
                update(tree, node);
            }
            set(tree, "root", nodes.get(0));
        });
    }

    @Test
    void aStaleCache() {
        assertBroken("caches FREE_RUN 0x0, recomputed 0x", tree -> {
            for (Object node : nodes(tree)) {
                if ((byte) get(node, "kind") == PieceTree.FREE) {
                    set(node, "maxFreeRun", 0L);
                    return;
                }
            }
            throw new AssertionError("no free piece in " + nodes(tree));
        });
    }

    @Test
    void anIntactTreePasses() {
        OptimizedGuestRam ram = fiveRam();
        ram.checkInvariants();
        ConcurrentGuestRam.shared(ram).checkInvariants();
    }

    /** The tree's nodes in address order. */
    private static List<Object> nodes(PieceTree tree) {
        List<Object> out = new ArrayList<>();
        collect(get(tree, "root"), out);
        return out;
    }

    private static void collect(Object node, List<Object> out) {
        if (node != null) {
            collect(get(node, "left"), out);
            out.add(node);
            collect(get(node, "right"), out);
        }
    }

    private static void update(PieceTree tree, Object node) {
        try {
            java.lang.reflect.Method update = PieceTree.class.getDeclaredMethod("update", node.getClass());
            update.setAccessible(true);
            update.invoke(tree, node);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
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
