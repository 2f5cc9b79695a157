package io.guestram.conformance.action;

import io.guestram.call.Call;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.Values.Range;
import java.util.List;

/** {@code mark_allocated(start, size)}: registered, free bytes become allocated. */
public record MarkAllocatedAction(long start, long size) implements RangeAction {

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
    public RangeAction with(long newStart, long newSize) {
        return new MarkAllocatedAction(newStart, newSize);
    }
}
