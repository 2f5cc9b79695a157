package io.guestram.conformance;

import io.guestram.Piece;
import io.guestram.U64;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

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
        return runs(array(map), FREE);
    }

    /** The maximal runs of registered bytes, free or allocated. */
    public static List<Span> registeredRuns(List<Piece> map) {
        if (map instanceof PieceMap p) {
            return p.registeredRuns();
        }
        return runs(array(map), ANY);
    }

    /** The maximal runs of allocated bytes. */
    public static List<Span> allocatedRuns(List<Piece> map) {
        if (map instanceof PieceMap p) {
            return p.allocatedRuns();
        }
        return runs(array(map), ALLOCATED);
    }

    /**
     * The longest free run, the lowest of the longest: what findLargestFreeRegion must answer
     * ({@code freeRuns} as one pass that keeps only the best run so far); null if there is no
     * free byte.
     */
    public static Span largestFreeRun(List<Piece> map) {
        return longestFree(map).run();
    }

    /** How many free runs are as long as the longest (0 if there is no free byte). */
    public static int largestFreeRunCount(List<Piece> map) {
        return longestFree(map).count();
    }

    /** The lowest longest free run and how many are that long. */
    record LongestFree(Span run, int count) {}

    private static LongestFree longestFree(List<Piece> map) {
        return map instanceof PieceMap p ? p.longestFree() : longestFree(array(map));
    }

    static LongestFree longestFree(Piece[] map) {
        boolean open = false;
        long first = 0;
        long last = 0;
        int count = 0;
        long bestFirst = 0;
        long bestLast = 0;
        for (int i = 0; i <= map.length; i++) {
            Piece p = i < map.length ? map[i] : null;
            if (p != null && p.allocated()) {
                continue;
            }
            if (p != null && open && last != U64.MAX && last + 1 == p.first()) {
                last = p.last();
                continue;
            }
            if (open) { // the run first..last is complete
                if (count == 0 || U64.lessThan(bestLast - bestFirst, last - first)) {
                    count = 1;
                    bestFirst = first;
                    bestLast = last;
                } else if (bestLast - bestFirst == last - first) {
                    count++;
                }
            }
            if (p != null) {
                open = true;
                first = p.first();
                last = p.last();
            }
        }
        return new LongestFree(count == 0 ? null : new Span(bestFirst, bestLast), count);
    }

    private static Piece[] array(List<Piece> map) {
        return map instanceof PieceMap p ? p.pieces() : map.toArray(new Piece[0]);
    }

    /**
     * The selected pieces joined where they touch. Pieces are ordered and disjoint, so an
     * unselected piece between two selected ones always breaks the run.
     */
    static final int ANY = 0;
    static final int FREE = 1;
    static final int ALLOCATED = 2;

    // Which pieces by a constant, not a predicate: one call site seeing three lambdas is not inlined, and this is per piece.
    static List<Span> runs(Piece[] map, int selected) {
        Joiner runs = new Joiner(new ArrayList<>());
        for (Piece p : map) {
            if (selected == ANY || p.allocated() == (selected == ALLOCATED)) {
                runs.add(p);
            }
        }
        return runs.finish();
    }

    /** Joins ordered pieces into runs where they touch; a run is added when the next one starts. */
    private static final class Joiner {
        private final List<Span> runs;
        private boolean open;
        private long first;
        private long last;

        Joiner(List<Span> runs) {
            this.runs = runs;
        }

        void add(Piece p) {
            if (open && last != U64.MAX && last + 1 == p.first()) {
                last = p.last();
            } else {
                if (open) {
                    runs.add(new Span(first, last));
                }
                open = true;
                first = p.first();
                last = p.last();
            }
        }

        List<Span> finish() {
            if (open) {
                runs.add(new Span(first, last));
            }
            return runs;
        }
    }

    /**
     * The piece holding {@code address}, or null: a binary search, so {@code map} must be
     * well formed (ordered, disjoint), as the model's maps are.
     */
    public static Piece pieceAt(List<Piece> map, long address) {
        int at = indexHolding(map, address, Piece::first, Piece::last);
        return at < 0 ? null : map.get(at);
    }

    /**
     * The index of the element of {@code ordered} whose {@code first..last} holds {@code address},
     * or -1: a binary search over ordered, disjoint ranges.
     */
    public static <T> int indexHolding(List<T> ordered, long address, ToLongFunction<T> first, ToLongFunction<T> last) {
        int low = 0;
        int high = ordered.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            T range = ordered.get(mid);
            if (U64.lessThan(address, first.applyAsLong(range))) {
                high = mid - 1;
            } else if (U64.lessThan(last.applyAsLong(range), address)) {
                low = mid + 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * The lowest ({@code highest} false) or the highest allocated run, or null if there is
     * none: read from that end of the map, without deriving every run.
     */
    public static Span outerAllocatedRun(List<Piece> map, boolean highest) {
        int n = map.size();
        int step = highest ? -1 : 1;
        int i = highest ? n - 1 : 0;
        while (i >= 0 && i < n && !map.get(i).allocated()) {
            i += step;
        }
        if (i < 0 || i >= n) {
            return null;
        }
        Piece end = map.get(i);
        long first = end.first();
        long last = end.last();
        for (int j = i + step; j >= 0 && j < n && map.get(j).allocated(); j += step) {
            Piece p = map.get(j);
            boolean touches = highest ? p.last() != U64.MAX && p.last() + 1 == first : last != U64.MAX && last + 1 == p.first();
            if (!touches) {
                break;
            }
            first = highest ? p.first() : first;
            last = highest ? last : p.last();
        }
        return new Span(first, last);
    }

    /** Why the map is not a valid memory map, or null: ordered, disjoint, adjacent kinds differ. */
    public static String wellFormednessViolation(List<Piece> map) {
        if (map instanceof PieceMap p) {
            return p.wellFormednessViolation();
        }
        return registeredRunsAndShape(array(map), new ArrayList<>());
    }

    /**
     * One pass for what every changed map is asked: adds its registered runs to {@code runs} and
     * returns why it is not well formed, or null.
     */
    static String registeredRunsAndShape(Piece[] map, List<Span> runs) {
        String violation = null;
        Joiner registered = new Joiner(runs);
        Piece previous = null;
        for (Piece p : map) {
            if (violation == null && previous != null) {
                violation = pairViolation(previous, p);
            }
            previous = p;
            registered.add(p);
        }
        registered.finish();
        return violation;
    }

    private static String pairViolation(Piece previous, Piece p) {
        if (!U64.lessThan(previous.last(), p.first()) || previous.last() == U64.MAX) {
            return "pieces " + previous + " and " + p + " overlap or are out of order";
        }
        if (previous.last() + 1 == p.first() && previous.allocated() == p.allocated()) {
            return "adjacent pieces " + previous + " and " + p + " have the same kind (not coalesced)";
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
