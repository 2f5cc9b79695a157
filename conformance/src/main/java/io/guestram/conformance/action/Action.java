package io.guestram.conformance.action;

import io.guestram.GuestRam;
import io.guestram.call.Call;
import java.util.HexFormat;
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
        permits RegisterAtAction, RegisterAction, RangeAction, AllocateAction,
                LargestAction, TouchAction, ReadAction, WriteAction {

    ActionKind kind();

    /** The action performing {@code call} (a write's bytes become hex). */
    static Action of(Call call) {
        if (call instanceof Call.RegisterAt c) {
            return new RegisterAtAction(c.start(), c.size(), c.untyped());
        } else if (call instanceof Call.Register c) {
            return new RegisterAction(c.size());
        } else if (call instanceof Call.MarkAllocated c) {
            return new MarkAllocatedAction(c.start(), c.size());
        } else if (call instanceof Call.Allocate c) {
            return new AllocateAction(c.size());
        } else if (call instanceof Call.Free c) {
            return new FreeAction(c.start(), c.size());
        } else if (call instanceof Call.Touch c) {
            return new TouchAction(c.address(), c.size(), c.stopAt(), c.stopValue());
        } else if (call instanceof Call.Read c) {
            return new ReadAction(c.address(), c.size());
        } else if (call instanceof Call.Write c) {
            return new WriteAction(c.address(), HexFormat.of().formatHex(c.data()));
        }
        return new LargestAction();
    }

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
