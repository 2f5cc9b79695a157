package io.guestram.explorer;

import io.guestram.GuestRam;
import io.guestram.call.Call;
import io.guestram.call.Outcome;

/**
 * A reachable state as the explorer holds it: the model after the call, the call with its
 * outcome (the spec's {@code last}; {@code call} is null in the initial state) and the model's
 * guest memory as the spec's {@code contents} ({@code contents[b]} is the byte at address b, read
 * through the model's touch).
 */
public record ExploredState(GuestRam model, Call call, Outcome outcome, byte[] contents) implements LastOfState {

    public ExploredState {
        contents = contents.clone();
    }

    @Override
    public byte[] contents() {
        return contents.clone();
    }

    /** The byte at address {@code b}, 0 to 255. */
    public int byteAt(long b) {
        return SpecState.byteAt(contents, b);
    }

    public int size() {
        return contents.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExploredState s && s.model.equals(model) && java.util.Objects.equals(s.call, call)
                && s.outcome.equals(outcome) && java.util.Arrays.equals(s.contents, contents);
    }

    @Override
    public int hashCode() {
        return model.hashCode() * 31 + java.util.Arrays.hashCode(contents);
    }
}
