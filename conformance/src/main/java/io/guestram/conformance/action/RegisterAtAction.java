package io.guestram.conformance.action;

import io.guestram.U64;
import io.guestram.call.Call;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.Values.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code register_at(start, size, untyped)}: registers exactly this range; OVERLAP if any byte is. */
public record RegisterAtAction(long start, long size, boolean untyped) implements Action {

    /** Mostly beside existing registrations (free runs then join across them), at the top, or in gaps. */
    public static RegisterAtAction generate(Generation g) {
        Range r = g.chance(Values.INVALID_PERCENT) ? Values.invalidRange(g)
                : g.chance(60) ? clippedToGap(g, placement(g)) : placement(g);
        return new RegisterAtAction(r.start(), r.size(), g.chance(20));
    }

    private static Range placement(Generation g) {
        long size = Values.size(g, g.maxRegistrationLog2());
        List<Span> runs = g.registeredRuns();
        return switch (runs.isEmpty() ? 3 : g.nextInt(6)) {
            case 0 -> new Range(g.pick(runs).last() + 1, size);
            case 1 -> new Range(g.pick(runs).first() - size, size);
            case 2 -> new Range(g.lastAddress() - size + 1, size);
            case 3 -> new Range(g.page() * g.between(0, 64), size);
            case 4 -> fillGap(g, size);
            default -> new Range(Values.address(g), size);
        };
    }

    /**
     * The range moved past the run its start falls in, and cut short where the next run begins,
     * so that it lands in a gap: otherwise most registrations near busy memory would be OVERLAP.
     */
    private static Range clippedToGap(Generation g, Range r) {
        long start = r.start();
        for (Span run : g.registeredRuns()) {
            if (run.contains(start) && run.hasNext()) {
                start = run.last() + 1;
            } else if (U64.lessThan(start, run.first())) {
                return new Range(start, U64.min(r.size(), run.first() - start));
            }
        }
        return new Range(start, r.size());
    }

    /** Exactly a small gap between two runs, so that three pieces may become one. */
    private static Range fillGap(Generation g, long size) {
        List<Span> gaps = Values.smallGaps(g);
        if (gaps.isEmpty()) {
            return new Range(Values.address(g), size);
        }
        Span gap = g.pick(gaps);
        return new Range(gap.first(), gap.extent() + 1);
    }

    static Action parse(Arguments a) {
        return new RegisterAtAction(a.u64("start"), a.u64("size"), a.bool("untyped"));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.REGISTER_AT;
    }

    @Override
    public Call call() {
        return new Call.RegisterAt(start, size, untyped);
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        if (untyped) {
            simpler.add(new RegisterAtAction(start, size, false));
        }
        Simplify.smaller(start, pageSize).forEach(v -> simpler.add(new RegisterAtAction(v, size, untyped)));
        Simplify.smaller(size, pageSize).forEach(v -> simpler.add(new RegisterAtAction(start, v, untyped)));
        Simplify.sameEnd(start, size, pageSize).forEach(r -> simpler.add(new RegisterAtAction(r[0], r[1], untyped)));
        return simpler;
    }

    @Override
    public OptionalLong startAddress() {
        return OptionalLong.of(start);
    }

    @Override
    public Action shiftedDown(long delta) {
        return new RegisterAtAction(start - delta, size, untyped);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("start", start);
        args.put("size", size);
        args.put("untyped", untyped);
        return args;
    }
}
