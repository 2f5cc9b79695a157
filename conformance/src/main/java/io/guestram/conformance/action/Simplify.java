package io.guestram.conformance.action;

import io.guestram.U64;
import java.util.ArrayList;
import java.util.List;

/** Candidate replacements for an argument while shrinking: smaller and aligned first. */
final class Simplify {

    private Simplify() {}

    /**
     * Values unsigned-smaller than {@code value}, most aggressive first: 0, 1, the page size,
     * half, aligned down to a page, then {@code value - 2^k} for k from high to low. The last
     * make the shrinker's descent toward the smallest failing value a binary search rather than
     * a walk of one step at a time. Strictly smaller, so shrinking ends.
     */
    static List<Long> smaller(long value, long page) {
        List<Long> result = new ArrayList<>();
        for (long c : new long[] {0, 1, page, value >>> 1, U64.alignDown(value, page)}) {
            addIfSmaller(result, c, value);
        }
        for (int k = 63 - Long.numberOfLeadingZeros(value >>> 1); k >= 0; k--) {
            addIfSmaller(result, value - (1L << k), value);
        }
        return result;
    }

    private static void addIfSmaller(List<Long> result, long candidate, long value) {
        if (U64.lessThan(candidate, value) && !result.contains(candidate)) {
            result.add(candidate);
        }
    }

    /** As {@link #smaller} for a non-negative int. */
    static List<Integer> smaller(int value, long page) {
        List<Integer> result = new ArrayList<>();
        for (long c : smaller((long) value, page)) {
            result.add((int) c);
        }
        return result;
    }

    /**
     * Ranges with the same last byte and fewer bytes: the last byte alone, the next page
     * boundary on, then starts {@code 2^k} bytes later for k from high to low (a binary search,
     * as in {@link #smaller}). They keep a range's overlap with what lies at its end.
     */
    static List<long[]> sameEnd(long start, long size, long page) {
        List<long[]> result = new ArrayList<>();
        if (U64.lessThan(size, 2)) {
            return result;
        }
        long last = start + size - 1;
        List<Long> starts = new ArrayList<>(List.of(last, U64.alignDown(start, page) + page));
        for (int k = 63 - Long.numberOfLeadingZeros(size - 1); k >= 0; k--) {
            starts.add(start + (1L << k));
        }
        for (long s : starts) {
            if (U64.lessThan(start, s) && U64.atMost(s, last) && result.stream().noneMatch(r -> r[0] == s)) {
                result.add(new long[] {s, last - s + 1});
            }
        }
        return result;
    }
}
