package io.guestram.explorer;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.model.ReferenceModel;
import java.util.Optional;

/** spec/GuestRam.tla: the reference model, its sets and bytes as the state, and the spec's checks by brute force. */
final class SpecSemantics implements Semantics {

    private final Config config;
    private final SpecChecks checks;

    SpecSemantics(Config config, int byteValues) {
        this.config = config;
        this.checks = new SpecChecks(config, byteValues);
    }

    /** The last two states converted: a step's checks all ask for the same before and after. */
    private final ExploredState[] seen = new ExploredState[2];
    private final SpecState[] converted = new SpecState[2];
    private int next;

    private SpecState state(ExploredState s) {
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] == s) {
                return converted[i];
            }
        }
        SpecState state = SpecState.of(s.model().memoryMap(), s.contents(), s.call(), s.outcome());
        seen[next] = s;
        converted[next] = state;
        next = 1 - next;
        return state;
    }

    @Override
    public GuestRam initial() {
        return new ReferenceModel(config);
    }

    @Override
    public GuestRam copy(GuestRam model) {
        return ((ReferenceModel) model).copy();
    }

    @Override
    public int contentsLength() {
        return Math.toIntExact(config.lastAddress() + 1);
    }

    @Override
    public String canonical(ExploredState state, boolean withLast) {
        return state(state).canonical(withLast);
    }

    @Override
    public Optional<StateCheck> invariant(String name) {
        return checks.invariant(name).map(check -> s -> check.test(state(s)));
    }

    @Override
    public Optional<StepCheck> property(String name) {
        return checks.property(name).map(check -> (before, after) -> check.test(state(before), state(after)));
    }
}
