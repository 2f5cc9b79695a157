package io.guestram.conformance.action;

import io.guestram.call.Call;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.Values.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code mark_allocated(start, size)}: registered, free bytes become allocated. */
public record MarkAllocatedAction(long start, long size) implements Action {

    /** Mostly inside a free run; sometimes over allocated bytes or past registered memory. */
    public static MarkAllocatedAction generate(Generation g) {
        Range r = g.chance(Values.INVALID_PERCENT) ? Values.invalidRange(g) : target(g);
        return new MarkAllocatedAction(r.start(), r.size());
    }

    private static Range target(Generation g) {
        List<Span> free = g.freeRuns();
        List<Span> allocated = g.allocatedRuns();
        int choice = g.nextInt(10);
        if (choice < 6 && !free.isEmpty()) {
            return Values.inside(g, g.pick(free));
        }
        if (choice < 8 && !allocated.isEmpty()) {
            Span a = g.pick(allocated);
            return g.chance(50) ? Values.pastEnd(g, a) : Values.beforeStart(g, a);
        }
        if (!g.registeredRuns().isEmpty()) {
            return Values.pastEnd(g, g.pick(g.registeredRuns()));
        }
        return new Range(Values.address(g), Values.size(g));
    }

    static Action parse(Arguments a) {
        return new MarkAllocatedAction(a.u64("start"), a.u64("size"));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.MARK_ALLOCATED;
    }

    @Override
    public Call call() {
        return new Call.MarkAllocated(start, size);
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        Simplify.smaller(start, pageSize).forEach(v -> simpler.add(new MarkAllocatedAction(v, size)));
        Simplify.smaller(size, pageSize).forEach(v -> simpler.add(new MarkAllocatedAction(start, v)));
        Simplify.sameEnd(start, size, pageSize).forEach(r -> simpler.add(new MarkAllocatedAction(r[0], r[1])));
        return simpler;
    }

    @Override
    public OptionalLong startAddress() {
        return OptionalLong.of(start);
    }

    @Override
    public Action shiftedDown(long delta) {
        return new MarkAllocatedAction(start - delta, size);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("start", start);
        args.put("size", size);
        return args;
    }
}
