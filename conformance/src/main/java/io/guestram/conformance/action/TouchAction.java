package io.guestram.conformance.action;

import io.guestram.U64;
import io.guestram.call.Call;
import io.guestram.conformance.action.Values.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code touch(address, size, callback)} whose {@code stopAt}-th callback returns
 * {@code stopValue} (0: no callback stops the walk). Compared by its result and its chunks.
 */
public record TouchAction(long address, long size, int stopAt, int stopValue) implements Action {

    /** Chunks per touch stay few: longer touches always stop early. */
    private static final long MAX_WALKED_PAGES = 64;

    /** Mostly across page boundaries inside registered memory; sometimes huge, past the end, invalid. */
    public static TouchAction generate(Generation g) {
        long p = g.page();
        Range r = g.chance(Values.INVALID_PERCENT) ? Values.invalidRange(g)
                : g.chance(10) ? new Range(Values.address(g), Values.size(g))
                : Values.accessSite(g, 3 * p + 2);
        int stopAt = g.chance(60) ? 0 : (int) g.between(1, 3);
        if (stopAt == 0 && U64.lessThan(MAX_WALKED_PAGES * p, r.size())) {
            stopAt = (int) g.between(1, 3);
        }
        int stopValue = stopAt == 0 ? 0 : g.chance(70) ? stopAt : g.pick(List.of(-1, 42, Integer.MIN_VALUE));
        return new TouchAction(r.start(), r.size(), stopAt, stopValue);
    }

    static Action parse(Arguments a) {
        return new TouchAction(a.u64("address"), a.u64("size"), a.count("stop_at"), a.integer("stop_value"));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.TOUCH;
    }

    @Override
    public Call call() {
        return new Call.Touch(address, size, stopAt, stopValue);
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        if (stopAt != 0 && U64.atMost(size, MAX_WALKED_PAGES * pageSize)) {
            simpler.add(new TouchAction(address, size, 0, 0));
        }
        if (stopAt > 1 || (stopAt == 1 && stopValue != 1)) {
            simpler.add(new TouchAction(address, size, 1, 1));
        }
        Simplify.smaller(address, pageSize).forEach(v -> simpler.add(new TouchAction(v, size, stopAt, stopValue)));
        Simplify.smaller(size, pageSize).forEach(v -> simpler.add(new TouchAction(address, v, stopAt, stopValue)));
        Simplify.sameEnd(address, size, pageSize).forEach(r -> simpler.add(new TouchAction(r[0], r[1], stopAt, stopValue)));
        return simpler;
    }

    @Override
    public OptionalLong startAddress() {
        return OptionalLong.of(address);
    }

    @Override
    public Action shiftedDown(long delta) {
        return new TouchAction(address - delta, size, stopAt, stopValue);
    }

    @Override
    public Map<String, Object> arguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("address", address);
        args.put("size", size);
        args.put("stop_at", stopAt);
        args.put("stop_value", stopValue);
        return args;
    }
}
