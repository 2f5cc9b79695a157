package io.guestram.model;

import io.guestram.U64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * A set of unsigned 64-bit addresses kept as disjoint, non-adjacent runs {@code first..last}
 * (inclusive) keyed by {@code first}: the simplest representation of the spec's byte sets that
 * still copes with 2^64 addresses. Not fast, not clever: linear where that is clearer.
 */
final class Intervals {

    private final TreeMap<Long, Long> lastByFirst = new TreeMap<>(Long::compareUnsigned);
    private long changes;

    Intervals copy() {
        Intervals c = new Intervals();
        c.lastByFirst.putAll(lastByFirst);
        return c;
    }

    /** Every address of {@code first..last} is in the set. */
    boolean containsAll(long first, long last) {
        Map.Entry<Long, Long> run = lastByFirst.floorEntry(first);
        return run != null && U64.atMost(last, run.getValue());
    }

    /** Some address of {@code first..last} is in the set. */
    boolean intersects(long first, long last) {
        Map.Entry<Long, Long> run = lastByFirst.floorEntry(last);
        return run != null && U64.atMost(first, run.getValue());
    }

    /** The lowest address of {@code first..last} in the set, or null when there is none. */
    Long lowestIn(long first, long last) {
        Map.Entry<Long, Long> run = lastByFirst.floorEntry(first);
        if (run != null && U64.atMost(first, run.getValue())) {
            return first;
        }
        Long next = lastByFirst.ceilingKey(first);
        return next != null && U64.atMost(next, last) ? next : null;
    }

    /** The lowest address of {@code first..last} not in the set, or null when the set holds them all. */
    Long lowestNotIn(long first, long last) {
        Map.Entry<Long, Long> run = lastByFirst.floorEntry(first);
        if (run == null || U64.lessThan(run.getValue(), first)) {
            return first;
        }
        return U64.lessThan(run.getValue(), last) ? run.getValue() + 1 : null;
    }

    /** How many times add or remove has been called: while it stays the same, so does the set. */
    long changes() {
        return changes;
    }

    void add(long first, long last) {
        changes++;
        long from = first;
        long to = last;
        for (long[] run : near(first == 0 ? 0 : first - 1, last == U64.MAX ? last : last + 1)) {
            boolean touchesBelow = run[1] != U64.MAX && run[1] + 1 == from;
            boolean touchesAbove = to != U64.MAX && to + 1 == run[0];
            if (touchesBelow || touchesAbove || intersectsRun(run, from, to)) {
                lastByFirst.remove(run[0]);
                from = U64.min(from, run[0]);
                to = U64.max(to, run[1]);
            }
        }
        lastByFirst.put(from, to);
    }

    void remove(long first, long last) {
        changes++;
        for (long[] run : near(first, last)) {
            if (!intersectsRun(run, first, last)) {
                continue;
            }
            lastByFirst.remove(run[0]);
            if (U64.lessThan(run[0], first)) {
                lastByFirst.put(run[0], first - 1);
            }
            if (U64.lessThan(last, run[1])) {
                lastByFirst.put(last + 1, run[1]);
            }
        }
    }

    /**
     * The runs that may meet {@code first..last}: the one starting at or below {@code first} and
     * those starting inside, in address order (a copy: callers change the map). Only these can
     * intersect the range, so add and remove cost O(log n) plus the runs they change.
     */
    private List<long[]> near(long first, long last) {
        Long below = lastByFirst.floorKey(first);
        List<long[]> runs = new ArrayList<>();
        lastByFirst.subMap(below == null ? first : below, true, last, true)
                .forEach((f, l) -> runs.add(new long[] {f, l}));
        return runs;
    }

    /** The runs in address order, each as {@code {first, last}}. */
    List<long[]> runs() {
        List<long[]> runs = new ArrayList<>(lastByFirst.size());
        lastByFirst.forEach((first, last) -> runs.add(new long[] {first, last}));
        return runs;
    }

    /**
     * The addresses in this set and not in {@code other}, as runs in address order: one pass
     * over both, as memoryMap's (removing other's runs from a copy, run by run, made allocate
     * and largest cost O(n log n) at thousands of runs). {@code from} is the lowest address of
     * the current run not yet placed; every run of {@code other} that meets it cuts it.
     */
    List<long[]> minus(Intervals other) {
        List<long[]> difference = new ArrayList<>();
        List<long[]> cuts = other.runs();
        int c = 0;
        for (long[] run : runs()) {
            long from = run[0];
            boolean rest = true;
            while (rest && c < cuts.size() && U64.atMost(cuts.get(c)[0], run[1])) {
                long[] cut = cuts.get(c);
                if (U64.lessThan(cut[1], from)) {
                    c++; // wholly below what is left of this run
                    continue;
                }
                if (U64.lessThan(from, cut[0])) {
                    difference.add(new long[] {from, cut[0] - 1});
                }
                if (U64.lessThan(cut[1], run[1])) {
                    from = cut[1] + 1;
                    c++;
                } else {
                    rest = false; // the cut reaches the run's end, and may reach into the next run
                }
            }
            if (rest) {
                difference.add(new long[] {from, run[1]});
            }
        }
        return difference;
    }

    private static boolean intersectsRun(long[] run, long first, long last) {
        return U64.atMost(run[0], last) && U64.atMost(first, run[1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Intervals i && i.lastByFirst.equals(lastByFirst);
    }

    /** The runs' ends in order: first and last of the lowest run, then of the next, and so on. */
    LongStream ends() {
        return lastByFirst.entrySet().stream().flatMapToLong(run -> LongStream.of(run.getKey(), run.getValue()));
    }

    /**
     * Hashes each run's ends in order: TreeMap's own hash, a sum of {@code first ^ last}, makes
     * every one-address run hash 0, and the explorer keeps millions of such small states in hash sets.
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(ends().toArray());
    }
}
