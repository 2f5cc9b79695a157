package io.guestram.conformance.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A call on the range {@code [start, start + size)} and nothing else (mark_allocated, free): the
 * two share how they shrink, shift and print, and differ only in the call they make.
 */
public sealed interface RangeAction extends Action permits MarkAllocatedAction, FreeAction {

    long start();

    long size();

    /** The same call on another range. */
    RangeAction with(long start, long size);

    @Override
    default List<Action> simplifications(long pageSize) {
        List<Action> simpler = new ArrayList<>();
        Simplify.smaller(start(), pageSize).forEach(v -> simpler.add(with(v, size())));
        Simplify.smaller(size(), pageSize).forEach(v -> simpler.add(with(start(), v)));
        Simplify.sameEnd(start(), size(), pageSize).forEach(r -> simpler.add(with(r[0], r[1])));
        return simpler;
    }

    @Override
    default OptionalLong startAddress() {
        return OptionalLong.of(start());
    }

    @Override
    default Action shiftedDown(long delta) {
        return with(start() - delta, size());
    }

    @Override
    default Map<String, Object> arguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("start", start());
        args.put("size", size());
        return args;
    }
}
