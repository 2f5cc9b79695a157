package io.guestram.conformance.action;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.U64;
import io.guestram.call.Outcome;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;

/**
 * Situations that tell a correct allocator from a subtly wrong one, beyond which call returned
 * what: each can be recognised in a step (from the call, the model's result and its map before)
 * and most can be aimed at, so a campaign reaches them on purpose when random generation stays
 * rare (targeted generation, as in Hypothesis' {@code target()}).
 */
public enum Situation {
    /** allocate or mark_allocated takes a free run up to its last byte. */
    EXACT_FIT_AT_RUN_END("exact fit at the end of a free run"),
    /** allocate or mark_allocated takes bytes on both sides of a boundary between two registrations. */
    FIT_SPANS_REGISTRATIONS("fit spanning adjacent registrations"),
    /** largest answers while two free runs of at least two pages share the largest size. */
    LARGEST_TIE("largest-free tie between multi-page runs"),
    /** free of bytes strictly inside an allocated run, which stays allocated on both sides. */
    FREE_IN_MIDDLE("free in the middle of an allocated run"),
    /** a call that succeeds on a range whose last byte is the last address. */
    RANGE_AT_TOP("range ending at the limit"),
    /** touch, read or write with an unaligned head, two or more whole pages and a tail. */
    HEAD_PAGES_TAIL("touch/read/write: head + whole pages + tail"),
    /** a mark_allocated, touch or read that runs exactly one byte past registered memory. */
    ONE_BYTE_PAST_RAM("one byte past registered memory"),
    /** a memory map of at least {@value #MANY} pieces. */
    MANY_PIECES("at least " + Situation.MANY + " pieces"),
    /** a step after the {@value #LONG}th of its run. */
    LONG_HISTORY("step " + Situation.LONG + "+ of a run");

    public static final int MANY = 100;
    public static final int LONG = 500;

    private final String label;

    Situation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Whether the step (0-based {@code index} in its run) is in this situation. {@code before} is
     * the model's map before the step, {@code registrationStarts} where registrations began.
     */
    public boolean reached(Config config, Action action, Outcome model, List<Piece> before, List<Piece> after,
                           NavigableSet<Long> registrationStarts, int index) {
        return reached(config, action, model, before, after, registrationStarts, index,
                model.isOk() ? taken(action, model) : null, range(action));
    }

    /** The situations the step is in (see {@link #reached}), the step's ranges derived once for all of them. */
    public static Set<Situation> reachedBy(Config config, Action action, Outcome model, List<Piece> before,
                                           List<Piece> after, NavigableSet<Long> registrationStarts, int index) {
        Span taken = model.isOk() ? taken(action, model) : null;
        Span range = range(action);
        Set<Situation> reached = EnumSet.noneOf(Situation.class);
        for (Situation x : values()) {
            if (x.reached(config, action, model, before, after, registrationStarts, index, taken, range)) {
                reached.add(x);
            }
        }
        return reached;
    }

    private boolean reached(Config config, Action action, Outcome model, List<Piece> before, List<Piece> after,
                            NavigableSet<Long> registrationStarts, int index, Span taken, Span range) {
        return switch (this) {
            case EXACT_FIT_AT_RUN_END -> taken != null && endsFreeRun(before, taken);
            case FIT_SPANS_REGISTRATIONS -> taken != null && spans(taken, registrationStarts);
            case LARGEST_TIE -> action instanceof LargestAction && model.isOk() && multiPageTie(before, config.pageSize());
            case FREE_IN_MIDDLE -> action instanceof FreeAction f && model.isOk() && strictlyInsideAllocated(before, f);
            case RANGE_AT_TOP -> model.isOk() && range != null && range.last() == config.lastAddress();
            case HEAD_PAGES_TAIL -> model.isOk() && isAccess(action) && range != null && headPagesTail(range, config.pageSize());
            case ONE_BYTE_PAST_RAM -> !model.isOk() && range != null && onePast(before, range);
            case MANY_PIECES -> after.size() >= MANY;
            case LONG_HISTORY -> index >= LONG;
        };
    }

    private static boolean spans(Span taken, NavigableSet<Long> starts) {
        Long boundary = starts.higher(taken.first());
        return boundary != null && U64.atMost(boundary, taken.last());
    }

    private static boolean isAccess(Action a) {
        return a instanceof TouchAction || a instanceof ReadAction || a instanceof WriteAction;
    }

    /** The bytes a successful allocate or mark_allocated took (none for the ranges profile sel4 accepts though empty or wrapping). */
    private static Span taken(Action action, Outcome model) {
        if (action instanceof AllocateAction a) {
            return span(model.values().get(0), a.size());
        }
        return action instanceof MarkAllocatedAction m ? span(m.start(), m.size()) : null;
    }

    /** The range a call names, if it names a valid one. */
    private static Span range(Action action) {
        if (action instanceof RangeAction r) {
            return span(r.start(), r.size());
        } else if (action instanceof RegisterAtAction r) {
            return span(r.start(), r.size());
        } else if (action instanceof TouchAction t) {
            return span(t.address(), t.size());
        } else if (action instanceof ReadAction r) {
            return span(r.address(), r.size());
        } else if (action instanceof WriteAction w) {
            return span(w.address(), w.data().length() / 2);
        }
        return null;
    }

    /** {@code [start, start + size)} if it is not empty and does not wrap past 2^64, else null. */
    private static Span span(long start, long size) {
        return size != 0 && U64.atMost(size - 1, U64.MAX - start) ? new Span(start, start + size - 1) : null;
    }

    // The model's map before the step is ordered and disjoint: the one piece that can qualify is found by address.

    private static boolean endsFreeRun(List<Piece> before, Span taken) {
        Piece p = MemoryMaps.pieceAt(before, taken.last());
        return p != null && !p.allocated() && p.last() == taken.last();
    }

    private static boolean strictlyInsideAllocated(List<Piece> before, FreeAction f) {
        long last = f.start() + f.size() - 1;
        Piece p = MemoryMaps.pieceAt(before, f.start());
        return p != null && p.allocated() && U64.lessThan(p.first(), f.start()) && U64.lessThan(last, p.last());
    }

    private static boolean multiPageTie(List<Piece> before, long page) {
        Span longest = MemoryMaps.largestFreeRun(before);
        return longest != null && MemoryMaps.largestFreeRunCount(before) >= 2 && U64.atMost(2 * page - 1, longest.extent());
    }

    private static boolean headPagesTail(Span s, long page) {
        long mask = page - 1;
        if ((s.first() & mask) == 0 || ((s.last() + 1) & mask) == 0) {
            return false;
        }
        long wholeStart = U64.alignDown(s.first(), page) + page;
        long wholeEnd = U64.alignDown(s.last() + 1, page);
        return U64.lessThan(wholeStart, wholeEnd) && U64.atMost(2 * page, wholeEnd - wholeStart);
    }

    private static boolean onePast(List<Piece> before, Span s) {
        Piece p = MemoryMaps.pieceAt(before, s.first());
        return p != null && p.last() != U64.MAX && p.last() + 1 == s.last();
    }

    /**
     * An action aimed at this situation from the state in {@code g}, or null if there is no
     * sensible aim now (or none at all: {@link #LONG_HISTORY} comes from long runs).
     */
    public Action aim(Generation g, NavigableSet<Long> registrationStarts) {
        long p = g.page();
        return switch (this) {
            case EXACT_FIT_AT_RUN_END -> g.freeRuns().isEmpty() ? null : exactFit(g, g.pick(g.freeRuns()));
            case FIT_SPANS_REGISTRATIONS -> spanning(g, registrationStarts);
            case LARGEST_TIE -> tie(g);
            case FREE_IN_MIDDLE -> middle(g);
            case RANGE_AT_TOP -> new RegisterAtAction(g.lastAddress() - p * g.between(1, 3) + 1, p * g.between(1, 3), false);
            case HEAD_PAGES_TAIL -> access(g, g.registeredRuns());
            case ONE_BYTE_PAST_RAM -> g.registeredRuns().isEmpty() ? null : pastByOne(g, g.pick(g.registeredRuns()));
            case MANY_PIECES -> fragment(g);
            case LONG_HISTORY -> null;
        };
    }

    private static Action exactFit(Generation g, Span run) {
        if (g.chance(50) && g.freeRuns().get(0).equals(run)) {
            return new AllocateAction(run.extent() + 1);
        }
        long size = run.clip(g.chance(50) ? g.between(1, 3) : g.page() * g.between(1, 3));
        return new MarkAllocatedAction(run.last() - size + 1, size);
    }

    /** mark_allocated across a registration boundary with free bytes on both sides, or a registration beside a run. */
    private static Action spanning(Generation g, NavigableSet<Long> starts) {
        for (Span run : g.freeRuns()) {
            Long b = starts.higher(run.first());
            if (b != null && U64.atMost(b, run.last())) {
                long before = U64.min(b - run.first(), g.between(1, g.page()));
                long after = U64.min(run.last() - b + 1, g.between(1, g.page()));
                return g.chance(30) ? new AllocateAction(b - run.first() + after) : new MarkAllocatedAction(b - before, before + after);
            }
        }
        List<Span> registered = g.registeredRuns();
        if (registered.isEmpty() || !registered.get(0).hasNext()) {
            return null;
        }
        Span run = g.pick(registered);
        return run.hasNext() ? new RegisterAtAction(run.last() + 1, g.page() * g.between(1, 3), false) : null;
    }

    /** largest when a multi-page tie exists; else a registration as long as the largest free run, after a gap. */
    private static Action tie(Generation g) {
        List<Span> free = g.freeRuns();
        if (multiPageTie(g.map(), g.page())) {
            return new LargestAction();
        }
        long size = 2 * g.page();
        for (Span run : free) {
            size = U64.lessThan(size - 1, run.extent()) ? run.extent() + 1 : size;
        }
        List<Span> registered = g.registeredRuns();
        long start = registered.isEmpty() ? g.page() * 16 : U64.alignDown(registered.get(registered.size() - 1).last(), g.page())
                + 2 * g.page();
        return U64.lessThan(size, 1L << 40) && g.config().isValid(start, size) ? new RegisterAtAction(start, size, false) : null;
    }

    private static Action middle(Generation g) {
        for (Span a : g.allocatedRuns()) {
            if (U64.atMost(2, a.extent())) {
                long start = a.first() + g.between(1, U64.min(a.extent() - 1, 4 * g.page()));
                long size = U64.min(a.last() - start, g.chance(50) ? g.between(1, 3) : g.page());
                return new FreeAction(start, size);
            }
        }
        return null;
    }

    /** A write (distinct bytes in every position) or read or touch over head + 2-3 pages + tail. */
    private static Action access(Generation g, List<Span> registered) {
        long p = g.page();
        if (p > 4096) {
            return null;
        }
        for (Span run : registered) {
            long start = U64.alignDown(run.first(), p) + p - g.between(1, Math.max(1, p - 1));
            if (!run.contains(start) || (start & (p - 1)) == 0) {
                continue;
            }
            long size = (U64.alignDown(start, p) + p - start) + p * g.between(2, 3) + g.between(1, Math.max(1, p - 1));
            if (U64.lessThan(run.last() - start, size - 1)) {
                continue;
            }
            return switch (g.nextInt(3)) {
                case 0 -> new WriteAction(start, HexFormat.of().formatHex(distinct(g, (int) size)));
                case 1 -> new ReadAction(start, (int) size);
                default -> new TouchAction(start, size, 0, 0);
            };
        }
        return registered.isEmpty() ? null : new RegisterAtAction(
                U64.alignDown(registered.get(registered.size() - 1).last(), p) + 2 * p, 6 * p, false);
    }

    /** Bytes that differ from their neighbours and from those a page or two away. */
    static byte[] distinct(Generation g, int size) {
        byte[] data = new byte[size];
        int salt = g.nextInt(256);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 7 + (i >>> 8) * 13 + salt + 1);
        }
        return data;
    }

    private static Action pastByOne(Generation g, Span run) {
        if (!run.hasNext()) {
            return null;
        }
        long size = run.clip(g.chance(50) ? g.between(1, 4) : g.page()) + 1;
        long start = run.last() + 2 - size;
        return switch (g.nextInt(3)) {
            case 0 -> new MarkAllocatedAction(start, size);
            case 1 -> new TouchAction(start, size, 0, 0);
            default -> new ReadAction(start, (int) U64.min(size, 64));
        };
    }

    /** One allocated byte or few in the middle of the longest free run: two more pieces. */
    private static Action fragment(Generation g) {
        Span longest = MemoryMaps.largestFreeRun(g.map()); // the lowest of the longest
        if (longest == null || U64.lessThan(longest.extent(), 2)) {
            return g.registeredRuns().isEmpty() || !g.chance(50) ? new RegisterAction(g.page() * 64) : null;
        }
        long step = U64.min(longest.extent() - 1, 2 * g.page());
        return new MarkAllocatedAction(longest.first() + 1 + g.between(0, step - 1) / 2, g.between(1, 2));
    }
}
