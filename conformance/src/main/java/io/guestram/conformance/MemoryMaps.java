package io.guestram.conformance;

import io.guestram.Piece;
import io.guestram.U64;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a memory map says, derived in one linear pass over its pieces: never byte by byte,
 * so everything here works for maps spanning 2^64 addresses. The runs of a {@link PieceMap}
 * are derived once and shared (read-only lists).
 */
public final class MemoryMaps {

    private MemoryMaps() {}

    /** The maximal runs of free bytes: consecutive free pieces that touch are one run. */
    public static List<Span> freeRuns(List<Piece> map) {
        if (map instanceof PieceMap p) {
            return p.freeRuns();
        }
        return runs(map, p -> !p.allocated());
    }

    /** The maximal runs of registered bytes, free or allocated. */
    public static List<Span> registeredRuns(List<Piece> map) {
        if (map instanceof PieceMap p) {
            return p.registeredRuns();
        }
        return runs(map, p -> true);
    }

    /** The maximal runs of allocated bytes. */
    public static List<Span> allocatedRuns(List<Piece> map) {
        if (map instanceof PieceMap p) {
            return p.allocatedRuns();
        }
        return runs(map, Piece::allocated);
    }

    /**
     * The selected pieces joined where they touch. Pieces are ordered and disjoint, so an
     * unselected piece between two selected ones always breaks the run.
     */
    private static List<Span> runs(List<Piece> map, Predicate<Piece> selected) {
        List<Span> runs = new ArrayList<>();
        for (Piece p : map) {
            if (!selected.test(p)) {
                continue;
            }
            int lastIndex = runs.size() - 1;
            Span open = lastIndex < 0 ? null : runs.get(lastIndex);
            if (open != null && open.hasNext() && open.last() + 1 == p.first()) {
                runs.set(lastIndex, new Span(open.first(), p.last()));
            } else {
                runs.add(new Span(p.first(), p.last()));
            }
        }
        return runs;
    }

    /** Why the map is not a valid memory map, or null: ordered, disjoint, adjacent kinds differ. */
    public static String wellFormednessViolation(List<Piece> map) {
        Piece previous = null;
        for (Piece p : map) {
            if (previous != null) {
                if (!U64.lessThan(previous.last(), p.first()) || previous.last() == U64.MAX) {
                    return "pieces " + previous + " and " + p + " overlap or are out of order";
                }
                if (previous.last() + 1 == p.first() && previous.allocated() == p.allocated()) {
                    return "adjacent pieces " + previous + " and " + p + " have the same kind (not coalesced)";
                }
            }
            previous = p;
        }
        return null;
    }

    /**
     * The registered parts of {@code length} bytes from {@code address}, in order; a range
     * running past 2^64 is cut there.
     */
    public static List<Span> registeredParts(List<Piece> map, long address, long length) {
        boolean wraps = U64.lessThan(U64.MAX - (length - 1), address);
        long last = wraps ? U64.MAX : address + length - 1;
        List<Span> parts = new ArrayList<>();
        for (Span run : registeredRuns(map)) {
            long first = U64.max(run.first(), address);
            long end = U64.min(run.last(), last);
            if (U64.atMost(first, end)) {
                parts.add(new Span(first, end));
            }
        }
        return parts;
    }

    /** True iff every address of {@code inner} runs lies in some {@code outer} run (both sorted). */
    public static boolean covers(List<Span> outer, List<Span> inner) {
        int o = 0;
        for (Span s : inner) {
            while (o < outer.size() && U64.lessThan(outer.get(o).last(), s.first())) {
                o++;
            }
            if (o == outer.size() || !outer.get(o).contains(s.first()) || U64.lessThan(outer.get(o).last(), s.last())) {
                return false;
            }
        }
        return true;
    }
}
