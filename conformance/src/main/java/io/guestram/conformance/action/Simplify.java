package io.guestram.conformance.action;

import io.guestram.U64;
import java.util.ArrayList;
import java.util.List;

/** Candidate replacements for an argument while shrinking: smaller and aligned first. */
final class Simplify {

    private Simplify() {}

    /**
     * Values unsigned-smaller than {@code value}, most aggressive first: 0, 1, the page size,
     * half, aligned down to a page, one page less, one less. Strictly smaller, so shrinking ends.
     */
    static List<Long> smaller(long value, long page) {
        long[] candidates = {0, 1, page, value >>> 1, U64.alignDown(value, page), value - page, value - 1};
        List<Long> result = new ArrayList<>();
        for (long c : candidates) {
            if (U64.lessThan(c, value) && !result.contains(c)) {
                result.add(c);
            }
        }
        return result;
    }

    /** As {@link #smaller} for a non-negative int. */
    static List<Integer> smaller(int value, long page) {
        List<Integer> result = new ArrayList<>();
        for (long c : smaller((long) value, page)) {
            result.add((int) c);
        }
        return result;
    }
}
