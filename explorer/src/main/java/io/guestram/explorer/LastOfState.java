package io.guestram.explorer;

import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.List;

/** A state's {@code last} record read off its call and outcome, alike in every profile. */
public interface LastOfState {

    /** The call that led to the state; null in the initial state. */
    Call call();

    Outcome outcome();

    default String op() {
        return call() == null ? "Init" : call().op();
    }

    default String code() {
        return outcome().isOk() ? "OK" : outcome().error().name();
    }

    /** The arguments the specs record: everything but register_at's untyped flag. */
    default List<Long> args() {
        return LastCall.args(call());
    }

    /** What the call returned in the spec's {@code ret}: a read's bytes, else the outcome's values. */
    default List<Long> ret() {
        return LastCall.ret(call(), outcome());
    }
}
