package io.guestram.conformance.explore;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.model.ReferenceModel;
import java.util.Optional;

/** spec/GuestRam.tla: the reference model, its sets as the state, and the spec's checks by brute force. */
final class SpecSemantics implements Semantics {

    private final Config config;
    private final SpecChecks checks;

    SpecSemantics(Config config) {
        this.config = config;
        this.checks = new SpecChecks(config);
    }

    private static SpecState state(ExploredState s) {
        return SpecState.of(s.model().memoryMap(), s.call(), s.outcome());
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
    public Object successorKey(GuestRam model) {
        return model.memoryMap();
    }

    @Override
    public String canonical(ExploredState state) {
        return state(state).canonical();
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
