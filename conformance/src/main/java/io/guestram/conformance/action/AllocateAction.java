package io.guestram.conformance.action;

import io.guestram.U64;
import io.guestram.call.Call;
import io.guestram.conformance.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code allocate(size)}: the lowest run of {@code size} free bytes becomes allocated. */
public record AllocateAction(long size) implements Action {

    /** Exact fits of free runs and one byte more, small sizes when fragmenting, 0, too much. */
    public static AllocateAction generate(Generation g) {
        if (g.chance(Values.INVALID_PERCENT / 2)) {
            return new AllocateAction(0);
        }
        if (g.phase() == Phase.FRAGMENT && g.chance(70)) {
            return new AllocateAction(Values.smallSize(g));
        }
        return new AllocateAction(switch (g.nextInt(6)) {
            case 0 -> Values.exactFit(g.freeRuns(), g, 0);
            case 1 -> Values.exactFit(g.freeRuns(), g, 1);
            case 2 -> tooLarge(g);
            default -> Values.size(g);
        });
    }

    /** One byte more than the longest free run: NO_SPACE (wraps harmlessly near 2^64). */
    private static long tooLarge(Generation g) {
        if (g.freeRuns().isEmpty()) {
            return Values.size(g);
        }
        long longestExtent = 0;
        for (Span run : g.freeRuns()) {
            longestExtent = U64.max(longestExtent, run.extent());
        }
        return longestExtent + 2;
    }

    static Action parse(Arguments a) {
        return new AllocateAction(a.u64("size"));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.ALLOCATE;
    }

    @Override
    public Call call() {
        return new Call.Allocate(size);
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        Simplify.smaller(size, pageSize).forEach(v -> simpler.add(new AllocateAction(v)));
        return simpler;
    }

    @Override
    public Map<String, Object> arguments() {
        return Map.of("size", size);
    }
}
