package io.guestram.conformance.run;

import io.guestram.ErrorCode;
import io.guestram.Piece;
import io.guestram.U64;
import io.guestram.call.Outcome;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import java.util.List;

/**
 * The spec's largest-free-region invariant, judged against the memory map in one pass over
 * its free runs (never over bytes, so it scales to 2^64 addresses). The answer must be:
 * <ul>
 *   <li>{@code LargestFreeExists}: NO_FREE_REGION iff there is no free byte;</li>
 *   <li>{@code LargestFreeIsFree}: inside one free run;</li>
 *   <li>{@code LargestFreeIsMaximal}: that whole run (a run of all 2^64 bytes reads as its first 2^64 - 1);</li>
 *   <li>{@code LargestFreeIsLongest}: no free run is longer;</li>
 *   <li>{@code LargestFreeIsLowest}: no free run as long starts lower.</li>
 * </ul>
 */
public final class LargestFreeCheck {

    private LargestFreeCheck() {}

    public static Violation check(Side side, List<Piece> map, Outcome answer) {
        if (isTheAnswer(MemoryMaps.largestFreeRun(map), answer)) {
            return null;
        }
        List<Span> runs = MemoryMaps.freeRuns(map);
        if (runs.isEmpty() != (answer.error() == ErrorCode.NO_FREE_REGION) || (!runs.isEmpty() && !answer.isOk())) {
            return new Violation("LargestFreeExists", side,
                    "free runs " + runs + " but findLargestFreeRegion gave " + answer);
        }
        if (runs.isEmpty()) {
            return null;
        }
        long start = answer.values().get(0);
        long last = start + answer.values().get(1) - 1;
        int holder = MemoryMaps.indexHolding(runs, start, Span::first, Span::last);
        if (holder < 0 || !runs.get(holder).contains(last)) {
            return new Violation("LargestFreeIsFree", side, answer + " is not inside one free run of " + runs);
        }
        Span run = runs.get(holder);
        boolean wholeSpace = run.extent() == U64.MAX && start == 0 && last == U64.MAX - 1;
        if (run.first() != start || (run.last() != last && !wholeSpace)) {
            return new Violation("LargestFreeIsMaximal", side, answer + " is only part of the free run " + run);
        }
        return longestAndLowest(side, runs, holder, answer);
    }

    /**
     * Whether {@code answer} is the one answer every rule above accepts: the whole of the lowest
     * longest run ({@code largest}, null if none is free; derived once per map, so that an
     * implementation asked after every step costs a comparison while its map stays). Anything
     * else is judged rule by rule, for the finding's label.
     */
    private static boolean isTheAnswer(Span largest, Outcome answer) {
        if (largest == null) {
            return answer.error() == ErrorCode.NO_FREE_REGION;
        }
        if (!answer.isOk() || answer.values().size() < 2 || answer.values().get(0) != largest.first()) {
            return false;
        }
        long size = answer.values().get(1);
        boolean wholeSpace = largest.extent() == U64.MAX;
        return wholeSpace ? size == U64.MAX : size - 1 == largest.extent();
    }

    private static Violation longestAndLowest(Side side, List<Span> runs, int holder, Outcome answer) {
        Span chosen = runs.get(holder);
        for (int i = 0; i < runs.size(); i++) {
            Span other = runs.get(i);
            if (U64.lessThan(chosen.extent(), other.extent())) {
                return new Violation("LargestFreeIsLongest", side, answer + " but the free run " + other + " is longer");
            }
            if (i < holder && other.extent() == chosen.extent()) {
                return new Violation("LargestFreeIsLowest", side, answer + " but the free run " + other + " is as long and lower");
            }
        }
        return null;
    }
}
