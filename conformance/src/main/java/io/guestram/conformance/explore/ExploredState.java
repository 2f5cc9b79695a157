package io.guestram.conformance.explore;

import io.guestram.GuestRam;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.List;

/**
 * A reachable state as the explorer holds it: the model after the call, and the call with its
 * outcome (the spec's {@code last}); {@code call} is null in the initial state.
 */
public record ExploredState(GuestRam model, Call call, Outcome outcome) {

    public String op() {
        return call == null ? "Init" : call.op();
    }

    public String code() {
        return outcome.isOk() ? "OK" : outcome.error().name();
    }

    /** The arguments the specs record: everything but register_at's untyped flag. */
    public List<Long> args() {
        return LastCall.args(call);
    }
}
