package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.report.JUnitReport;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.conformance.report.ProgramReport;
import io.guestram.conformance.run.Signature;
import io.guestram.conformance.run.StepRecord;
import io.guestram.conformance.run.Violation;
import java.util.List;

/**
 * A minimal failing sequence, replayed with every step recorded. {@code origin} says how it was
 * found (seed and run, or the exhaustive mode); {@code originalLength} is its length before shrinking.
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

    /** Its length once runs of calls in arithmetic progression are folded ({@link ProgramReport#fold}). */
    public int foldedLength() {
        return ProgramReport.fold(steps).size();
    }

    /** A numbered, readable program with both results per step and the maps before the failure. */
    public String program() {
        return ProgramReport.render(this);
    }

    /** The replayable trace: JSON Lines, a config line, then one call and its expected result per line. */
    public String trace() {
        return JsonTrace.render(config, steps);
    }

    /** A JUnit test method to paste into a {@code GuestRamConformanceTest} subclass. */
    public String junit() {
        return JUnitReport.render(this);
    }
}
