package io.guestram.conformance.action;

import io.guestram.U64;
import io.guestram.conformance.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Argument values biased the way allocator bugs hide: sizes 1, P-1, P, P+1, exact fits of the
 * current free runs and gaps (and one more or less), addresses on run and page boundaries, and
 * ranges that end at, or cross, the address limit (2^64 by default).
 */
final class Values {

    /** How often a generator produces an invalid range on purpose. */
    static final int INVALID_PERCENT = 12;

    private Values() {}

    /** A size from the biased menu; never 0 (generators ask for 0 explicitly). */
    static long size(Generation g) {
        return size(g, 63);
    }

    /** As {@link #size(Generation)}, with powers of two up to {@code 2^maxLog2}. */
    static long size(Generation g, int maxLog2) {
        long p = g.page();
        return switch (g.nextInt(11)) {
            case 0 -> 1;
            case 1 -> Math.max(1, p - 1);
            case 2 -> p;
            case 3 -> p + 1;
            case 4 -> p * g.between(2, 8);
            case 5 -> g.between(1, 16);
            case 6 -> exactFit(g.freeRuns(), g, 0);
            case 7 -> exactFit(g.freeRuns(), g, g.chance(50) ? 1 : -1);
            case 8 -> 1L << g.nextInt(maxLog2 + 1);
            default -> g.between(1, 3 * p);
        };
    }

    /** A small size, for fragmenting phases. */
    static long smallSize(Generation g) {
        return g.chance(50) ? g.between(1, 8) : Math.max(1, g.page() / (1L << g.nextInt(4)));
    }

    /** The size of one of {@code runs} plus {@code delta}; a page if there is none. */
    static long exactFit(List<Span> runs, Generation g, int delta) {
        if (runs.isEmpty()) {
            return g.page();
        }
        long size = g.pick(runs).extent() + 1 + delta;
        return size == 0 ? 1 : size;
    }

    /** An address where things happen: piece and page boundaries, low memory, the top. */
    static long address(Generation g) {
        long p = g.page();
        long base = switch (g.nextInt(5)) {
            case 0 -> 0;
            case 1, 2 -> boundary(g);
            case 3 -> g.lastAddress() - g.between(0, U64.min(2 * p, g.lastAddress()));
            default -> p * g.between(0, 64) + (g.chance(50) ? 0 : g.between(0, p - 1));
        };
        return belowLimit(g, nudge(g, base));
    }

    /** The first byte, last byte or the byte after some registered piece. */
    static long boundary(Generation g) {
        if (g.map().isEmpty()) {
            return 0;
        }
        var piece = g.pick(g.map());
        return switch (g.nextInt(3)) {
            case 0 -> piece.first();
            case 1 -> piece.last();
            default -> piece.last() + 1;
        };
    }

    /**
     * The gaps between consecutive registered runs that are at most 256 pages long: filling
     * one joins two runs, while filling the gap between low memory and the top would leave no
     * room for anything else.
     */
    static List<Span> smallGaps(Generation g) {
        List<Span> runs = g.registeredRuns();
        List<Span> gaps = new ArrayList<>();
        for (int i = 0; i + 1 < runs.size(); i++) {
            long first = runs.get(i).last() + 1;
            long next = runs.get(i + 1).first();
            // Under sel4 a memory map may be out of order or overlap: only real gaps count.
            if (first != 0 && U64.lessThan(first, next) && U64.lessThan(next - first, 256 * g.page())) {
                gaps.add(new Span(first, next - 1));
            }
        }
        return gaps;
    }

    /** Now and then moves an address onto, or just beside, a page boundary. */
    static long nudge(Generation g, long address) {
        long page = U64.alignDown(address, g.page());
        return switch (g.nextInt(8)) {
            case 0 -> page;
            case 1 -> page + g.page() - 1;
            case 2 -> address + 1;
            case 3 -> address - 1;
            default -> address;
        };
    }

    /** Folds an address below the limit, so that it is not invalid by accident. */
    static long belowLimit(Generation g, long address) {
        long limit = g.lastAddress() + 1;
        return limit == 0 ? address : Long.remainderUnsigned(address, limit);
    }

    /** A range that is invalid: size 0, past the limit, or wrapping past 2^64. */
    static Range invalidRange(Generation g) {
        long p = g.page();
        long last = g.lastAddress();
        Range r = switch (g.nextInt(4)) {
            case 0 -> new Range(address(g), 0);
            case 1 -> crossing(g, last - g.between(0, U64.min(p, last)));
            case 2 -> new Range(address(g) | 1, U64.MAX - g.between(0, p));
            default -> new Range(last + 1 + g.between(0, p), g.between(1, p));
        };
        return g.config().isValid(r.start(), r.size()) ? new Range(r.start(), 0) : r;
    }

    /** A range from {@code start} that ends one or more bytes past the address limit. */
    private static Range crossing(Generation g, long start) {
        return new Range(start, g.lastAddress() - start + 1 + g.between(1, g.page()));
    }

    /** A range inside {@code span}: whole, prefix, suffix or from a (page-aligned) middle address. */
    static Range inside(Generation g, Span span) {
        long size = size(g);
        return switch (g.nextInt(5)) {
            case 0 -> new Range(span.first(), span.clip(U64.MAX));
            case 1 -> new Range(span.first(), span.clip(size));
            case 2 -> suffix(span, span.clip(size));
            default -> fromMiddle(g, span, size);
        };
    }

    private static Range suffix(Span span, long size) {
        return new Range(span.last() - size + 1, size);
    }

    private static Range fromMiddle(Generation g, Span span, long size) {
        long start = span.first() + g.between(0, U64.min(span.extent(), 4 * g.page()));
        long aligned = U64.alignDown(start, g.page());
        if (g.chance(50) && span.contains(aligned)) {
            start = aligned;
        }
        return new Range(start, new Span(start, span.last()).clip(size));
    }

    /** A range that starts inside {@code span} and runs one or more bytes past its end. */
    static Range pastEnd(Generation g, Span span) {
        long start = span.last() - g.between(0, U64.min(span.extent(), g.page()));
        return new Range(start, span.last() - start + 1 + g.between(1, g.page()));
    }

    /** A range that starts one or more bytes before {@code span} and ends inside it. */
    static Range beforeStart(Generation g, Span span) {
        long start = span.first() - g.between(1, g.page());
        return new Range(start, span.first() - start + 1 + g.between(0, U64.min(span.extent(), g.page())));
    }

    /**
     * Where touch, read and write go: mostly a few bytes before a page boundary inside a
     * registered run, so that chunks split; sometimes up to or past the run's end (NOT_RAM).
     */
    static Range accessSite(Generation g, long maxSize) {
        List<Span> runs = g.registeredRuns();
        if (runs.isEmpty() || g.chance(10)) {
            return new Range(address(g), g.between(1, maxSize));
        }
        Span run = g.pick(runs);
        long start = nearPageEnd(g, run);
        long toEnd = run.last() - start + 1;
        return switch (g.nextInt(8)) {
            case 0 -> new Range(start, U64.min(toEnd, maxSize));
            case 1 -> new Range(start, toEnd + 1);
            default -> new Range(start, g.between(1, maxSize));
        };
    }

    /** The run's first byte, or one of the last few bytes of a page inside the run. */
    private static long nearPageEnd(Generation g, Span run) {
        if (g.chance(25)) {
            return run.first();
        }
        long inside = run.first() + g.between(0, U64.min(run.extent(), 4 * g.page()));
        long candidate = U64.alignDown(inside, g.page()) + g.page() - 1 - g.between(0, 3);
        return run.contains(candidate) ? candidate : inside;
    }

    /** A start and size, unsigned. */
    record Range(long start, long size) {}
}
