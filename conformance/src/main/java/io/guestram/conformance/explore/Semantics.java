package io.guestram.conformance.explore;

import io.guestram.Config;
import io.guestram.GuestRam;
import java.util.Optional;

/**
 * What the explorer needs of a profile's specification: the model to start from, how to copy
 * it, what its successors depend on, the TLA+ state it stands for, and the spec's checks by name.
 */
interface Semantics {

    GuestRam initial();

    GuestRam copy(GuestRam model);

    /** Two models with equal keys have the same successors, whatever their {@code last}. */
    Object successorKey(GuestRam model);

    /** The state in the canonical TLA+ text of {@link TlaValues}, as TLC would dump it. */
    String canonical(ExploredState state);

    Optional<StateCheck> invariant(String name);

    Optional<StepCheck> property(String name);

    /** An invariant: a predicate of one state. */
    @FunctionalInterface
    interface StateCheck {
        boolean holds(ExploredState state);
    }

    /** An action property: a predicate of one step. */
    @FunctionalInterface
    interface StepCheck {
        boolean holds(ExploredState before, ExploredState after);
    }

    static Semantics of(Config config) {
        return switch (config.profile()) {
            case SPEC -> new SpecSemantics(config);
            case SEL4 -> new Sel4Semantics(config);
        };
    }
}
