package io.guestram.conformance;

import io.guestram.Piece;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * A memory map frozen as the engine read it, with its free, registered and allocated runs
 * derived once, on first use ({@link MemoryMaps} answers from here). A step's checks, its
 * situations and the next step's generation all read the same map; deriving the runs once per
 * map instead of once per reader is what keeps a step's cost near one pass over the pieces.
 * Frozen also because an implementation may hand out a list it later changes.
 */
public final class PieceMap extends AbstractList<Piece> implements RandomAccess {

    private final Piece[] pieces;
    private List<Span> freeRuns;
    private List<Span> registeredRuns;
    private List<Span> allocatedRuns;
    private MemoryMaps.LongestFree longestFree;
    private String wellFormedness;
    private boolean shapeKnown;

    private PieceMap(Piece[] pieces) {
        this.pieces = pieces;
    }

    /** {@code map} itself if it is a PieceMap, else a frozen copy. */
    public static PieceMap of(List<Piece> map) {
        return map instanceof PieceMap p ? p : new PieceMap(map.toArray(new Piece[0]));
    }

    @Override
    public Piece get(int index) {
        return pieces[index];
    }

    @Override
    public int size() {
        return pieces.length;
    }

    /** The pieces themselves, for the passes of {@link MemoryMaps}: indexing an array, not iterating a list. */
    Piece[] pieces() {
        return pieces;
    }

    List<Span> freeRuns() {
        if (freeRuns == null) {
            freeRuns = Collections.unmodifiableList(MemoryMaps.runs(pieces, MemoryMaps.FREE));
        }
        return freeRuns;
    }

    List<Span> registeredRuns() {
        shape();
        return registeredRuns;
    }

    String wellFormednessViolation() {
        shape();
        return wellFormedness;
    }

    /** Registered runs and well-formedness in one pass: the checks ask both of every changed map. */
    private void shape() {
        if (!shapeKnown) {
            List<Span> runs = new ArrayList<>();
            wellFormedness = MemoryMaps.registeredRunsAndShape(pieces, runs);
            registeredRuns = Collections.unmodifiableList(runs);
            shapeKnown = true;
        }
    }

    List<Span> allocatedRuns() {
        if (allocatedRuns == null) {
            allocatedRuns = Collections.unmodifiableList(MemoryMaps.runs(pieces, MemoryMaps.ALLOCATED));
        }
        return allocatedRuns;
    }

    MemoryMaps.LongestFree longestFree() {
        if (longestFree == null) {
            longestFree = MemoryMaps.longestFree(pieces);
        }
        return longestFree;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof PieceMap p ? samePieces(pieces, p.pieces) : super.equals(o);
    }

    /** Arrays.equals, with Piece compared component by component here rather than through its record equals. */
    private static boolean samePieces(Piece[] a, Piece[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            Piece x = a[i];
            Piece y = b[i];
            if (x != y && (x == null || y == null || x.first() != y.first() || x.last() != y.last()
                    || x.allocated() != y.allocated())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pieces); // List's hash: 31 * h + element hash, in order
    }
}
