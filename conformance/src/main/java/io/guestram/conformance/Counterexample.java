package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.run.Signature;
import io.guestram.conformance.run.StepRecord;
import io.guestram.conformance.run.Violation;
import java.util.List;

/**
 * A minimal failing sequence, replayed with every step recorded. {@code origin} says how it was
 * found (seed and run, or the exhaustive mode); {@code originalLength} is its length before shrinking.
 * Its renderings are in {@code report}: {@code ProgramReport} (the numbered program), {@code JsonTrace}
 * (the replayable trace) and {@code JUnitReport} (a regression test); a record of data, it depends on none.
 */
public record Counterexample(Config config, String origin, int originalLength, List<StepRecord> steps) {

    public Counterexample {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !steps.get(steps.size() - 1).failed()) {
            throw new IllegalArgumentException("a counterexample ends with its failing step");
        }
    }

    public StepRecord failingStep() {
        return steps.get(steps.size() - 1);
    }

    /** What makes it this bug and not another: property, side, and the failing call and results. */
    public Signature signature() {
        return Signature.of(failingStep());
    }

    public Violation violation() {
        return failingStep().violation();
    }

    public List<Action> actions() {
        return steps.stream().map(StepRecord::action).toList();
    }

    public int length() {
        return steps.size();
    }
}
