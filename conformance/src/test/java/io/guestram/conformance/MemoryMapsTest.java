package io.guestram.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guestram.Piece;
import io.guestram.U64;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts the engine takes on memory maps agree with the plain derivations: a
 * {@link PieceMap}'s cached runs with those of the list it froze, the piece found by binary
 * search with a linear search, the outer allocated runs with the first and last allocated runs.
 * Random well-formed maps, some touching 0 and 2^64 - 1, with adjacent registrations.
 */
class MemoryMapsTest {

    @Test
    void shortcutsAgreeWithPlainDerivations() {
        SplittableRandom random = new SplittableRandom(14);
        for (int trial = 0; trial < 2000; trial++) {
            List<Piece> map = randomMap(random, trial % 2 == 0 ? 0 : U64.MAX - 300);
            PieceMap frozen = PieceMap.of(map);
            assertEquals(map, frozen);
            assertEquals(map.hashCode(), frozen.hashCode());
            assertEquals(MemoryMaps.freeRuns(map), MemoryMaps.freeRuns(frozen));
            assertEquals(MemoryMaps.registeredRuns(map), MemoryMaps.registeredRuns(frozen));
            List<Span> allocated = MemoryMaps.allocatedRuns(map);
            assertEquals(allocated, MemoryMaps.allocatedRuns(frozen));
            List<Span> free = MemoryMaps.freeRuns(map);
            Span longest = null;
            int asLong = 0;
            for (Span run : free) {
                if (longest == null || U64.lessThan(longest.extent(), run.extent())) {
                    longest = run;
                    asLong = 1;
                } else if (run.extent() == longest.extent()) {
                    asLong++;
                }
            }
            assertEquals(longest, MemoryMaps.largestFreeRun(frozen));
            assertEquals(longest, MemoryMaps.largestFreeRun(map));
            assertEquals(asLong, MemoryMaps.largestFreeRunCount(frozen));
            assertNull(MemoryMaps.wellFormednessViolation(frozen));
            assertEquals(allocated.isEmpty() ? null : allocated.get(0), MemoryMaps.outerAllocatedRun(map, false));
            assertEquals(allocated.isEmpty() ? null : allocated.get(allocated.size() - 1), MemoryMaps.outerAllocatedRun(map, true));
            for (int probe = 0; probe < 20; probe++) {
                long address = map.isEmpty() ? random.nextLong() : map.get(random.nextInt(map.size())).first() + random.nextInt(-2, 3);
                assertSame(linearPieceAt(map, address), MemoryMaps.pieceAt(frozen, address), "at " + U64.hex(address));
            }
        }
    }

    @Test
    void aMalformedMapIsNamedAndStillHasItsRegisteredRuns() {
        PieceMap overlapping = PieceMap.of(List.of(new Piece(0, 9, false), new Piece(5, 19, true), new Piece(30, 39, true)));
        assertEquals("pieces F[0x0..0x9] and A[0x5..0x13] overlap or are out of order",
                MemoryMaps.wellFormednessViolation(overlapping));
        assertEquals(List.of(new Span(0, 9), new Span(5, 19), new Span(30, 39)), MemoryMaps.registeredRuns(overlapping));
        PieceMap uncoalesced = PieceMap.of(List.of(new Piece(0, 9, true), new Piece(10, 19, true)));
        assertEquals("adjacent pieces A[0x0..0x9] and A[0xa..0x13] have the same kind (not coalesced)",
                MemoryMaps.wellFormednessViolation(uncoalesced));
        assertEquals(List.of(new Span(0, 19)), MemoryMaps.registeredRuns(uncoalesced));
    }

    @Test
    void aFrozenMapIsImmutableAndIndependentOfItsSource() {
        List<Piece> source = new ArrayList<>(List.of(new Piece(0, 9, false), new Piece(10, 19, true)));
        PieceMap frozen = PieceMap.of(source);
        source.set(1, new Piece(10, 19, false));
        assertNotEquals(source, frozen);
        assertEquals(new Piece(10, 19, true), frozen.get(1));
        assertSame(frozen, PieceMap.of(frozen));
        assertThrows(UnsupportedOperationException.class, () -> frozen.add(new Piece(20, 29, false)));
        assertThrows(UnsupportedOperationException.class, () -> MemoryMaps.freeRuns(frozen).clear());
    }

    /** Pieces from {@code base}: registrations (some adjacent) cut into alternating free and allocated pieces. */
    private static List<Piece> randomMap(SplittableRandom random, long base) {
        List<Piece> map = new ArrayList<>();
        long at = base;
        for (int registration = random.nextInt(5); registration > 0 && U64.lessThan(at, U64.MAX - 40); registration--) {
            at += random.nextInt(3) == 0 ? 0 : random.nextInt(1, 20); // 0: adjacent to the one before
            boolean allocated = random.nextBoolean();
            if (!map.isEmpty() && map.get(map.size() - 1).last() + 1 == at && map.get(map.size() - 1).allocated() == allocated) {
                allocated = !allocated; // a well-formed map has no two adjacent pieces of one kind
            }
            for (int piece = random.nextInt(1, 6); piece > 0; piece--) {
                long last = at + random.nextInt(4);
                map.add(new Piece(at, last, allocated));
                allocated = !allocated;
                if (last == U64.MAX) {
                    return map;
                }
                at = last + 1;
            }
        }
        if (random.nextInt(4) == 0 && U64.lessThan(at, U64.MAX - 2)) {
            boolean allocated = map.isEmpty() || !map.get(map.size() - 1).allocated();
            map.add(new Piece(U64.MAX - random.nextInt(3), U64.MAX, allocated)); // a piece ending at 2^64 - 1
        }
        return map;
    }

    private static Piece linearPieceAt(List<Piece> map, long address) {
        for (Piece p : map) {
            if (U64.atMost(p.first(), address) && U64.atMost(address, p.last())) {
                return p;
            }
        }
        return null;
    }
}
