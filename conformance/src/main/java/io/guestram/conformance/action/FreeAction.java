package io.guestram.conformance.action;

import io.guestram.U64;
import io.guestram.call.Call;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.Values.Range;
import java.util.List;

/** {@code free(start, size)}: any sub-range of allocated bytes becomes free again. */
public record FreeAction(long start, long size) implements RangeAction {

    /** Mostly inside an allocated run (single bytes when fragmenting); sometimes past its ends. */
    public static FreeAction generate(Generation g) {
        Range r = g.chance(Values.INVALID_PERCENT) ? Values.invalidRange(g) : target(g);
        return new FreeAction(r.start(), r.size());
    }

    private static Range target(Generation g) {
        List<Span> allocated = g.allocatedRuns();
        if (allocated.isEmpty()) {
            return new Range(Values.address(g), Values.size(g));
        }
        Span a = g.pick(allocated);
        int choice = g.nextInt(10);
        if (g.phase() == Phase.FRAGMENT && choice < 5) {
            long start = a.first() + g.between(0, U64.min(a.extent(), 4 * g.page()));
            return new Range(start, new Span(start, a.last()).clip(Values.smallSize(g)));
        }
        if (choice < 8) {
            return Values.inside(g, a);
        }
        return g.chance(50) ? Values.pastEnd(g, a) : Values.beforeStart(g, a);
    }

    static Action parse(Arguments a) {
        return new FreeAction(a.u64("start"), a.u64("size"));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.FREE;
    }

    @Override
    public Call call() {
        return new Call.Free(start, size);
    }

    @Override
    public RangeAction with(long newStart, long newSize) {
        return new FreeAction(newStart, newSize);
    }
}
