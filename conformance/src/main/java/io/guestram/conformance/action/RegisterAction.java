package io.guestram.conformance.action;

import io.guestram.U64;
import io.guestram.call.Call;
import io.guestram.conformance.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code register(size)}: the lowest page-aligned fit inside one window; NO_SPACE if none. */
public record RegisterAction(long size) implements Action {

    /** Sizes from the menu, exact fits of gaps between registrations, 0 and far too much. */
    public static RegisterAction generate(Generation g) {
        if (g.chance(Values.INVALID_PERCENT / 2)) {
            return new RegisterAction(0);
        }
        return new RegisterAction(switch (g.nextInt(8)) {
            case 0 -> tooLarge(g);
            case 1, 2 -> gapFit(g);
            default -> Values.size(g, g.maxRegistrationLog2());
        });
    }

    /** Just below 2^64: more than any window holds (under sel4 its page rounding wraps to 0). */
    private static long tooLarge(Generation g) {
        return U64.MAX - g.between(0, g.page());
    }

    /** The size of a small gap between registered runs, often rounded down to pages as register needs. */
    private static long gapFit(Generation g) {
        List<Span> gaps = Values.smallGaps(g);
        if (gaps.isEmpty()) {
            return Values.size(g, g.maxRegistrationLog2());
        }
        long gap = g.pick(gaps).extent() + 1;
        long aligned = U64.alignDown(gap, g.page());
        return aligned == 0 || g.chance(30) ? gap : aligned;
    }

    static Action parse(Arguments a) {
        return new RegisterAction(a.u64("size"));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.REGISTER;
    }

    @Override
    public Call call() {
        return new Call.Register(size);
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        Simplify.smaller(size, pageSize).forEach(v -> simpler.add(new RegisterAction(v)));
        return simpler;
    }

    @Override
    public Map<String, Object> arguments() {
        return Map.of("size", size);
    }
}
