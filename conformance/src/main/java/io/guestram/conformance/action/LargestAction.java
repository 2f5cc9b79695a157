package io.guestram.conformance.action;

import io.guestram.call.Call;
import java.util.List;
import java.util.Map;

/** {@code find_largest_free_region()}: the longest free run, lowest on ties; NO_FREE_REGION if none. */
public record LargestAction() implements Action {

    public static LargestAction generate(Generation g) {
        return new LargestAction();
    }

    static Action parse(Arguments a) {
        return new LargestAction();
    }

    @Override
    public ActionKind kind() {
        return ActionKind.LARGEST;
    }

    @Override
    public Call call() {
        return new Call.Largest();
    }

    @Override
    public List<Action> simplifications(long pageSize) {
        return List.of();
    }

    @Override
    public Map<String, Object> arguments() {
        return Map.of();
    }
}
