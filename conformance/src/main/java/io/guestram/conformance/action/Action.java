package io.guestram.conformance.action;

import io.guestram.GuestRam;
import io.guestram.call.Call;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One step of a conformance run: an immutable call with fixed arguments (a {@link Call} record
 * underneath), the generator that produced it (a static {@code generate} on each type) and the
 * simpler variants the shrinker may put in its place. The same action is replayed on fresh
 * instances while shrinking, so nothing here depends on earlier results (jqwik's independent kind).
 */
public sealed interface Action
        permits RegisterAtAction, RegisterAction, MarkAllocatedAction, AllocateAction, FreeAction,
                LargestAction, TouchAction, ReadAction, WriteAction {

    ActionKind kind();

    /** The call, as the model, the implementation and every report see it. */
    Call call();

    /** Simpler variants, most aggressive first: smaller and page-aligned arguments. */
    List<Action> simplifications(long pageSize);

    /** The address this call starts at, if it has one (not register, allocate, largest). */
    default OptionalLong startAddress() {
        return OptionalLong.empty();
    }

    /** The same call {@code delta} bytes lower, for shrinking whole sequences toward address 0. */
    default Action shiftedDown(long delta) {
        return this;
    }

    /**
     * The arguments in trace order under their trace names: {@code Long} (unsigned 64-bit),
     * {@code Integer}, {@code Boolean} or {@code String} (hex bytes).
     */
    Map<String, Object> arguments();

    default String name() {
        return kind().label();
    }

    /** Runs the call on the model, then on the implementation, catching whatever it throws. */
    default Results run(GuestRam model, GuestRam impl) {
        Call call = call();
        var expected = call.apply(model);
        try {
            return new Results(expected, call.apply(impl), null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Results(expected, null, e);
        }
    }
}
