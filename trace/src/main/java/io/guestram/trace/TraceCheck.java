package io.guestram.trace;

import io.guestram.GuestRam;
import io.guestram.call.Outcome;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.report.JsonTrace.Line;
import io.guestram.conformance.report.JsonTrace.Trace;
import io.guestram.conformance.run.Checks;
import io.guestram.conformance.run.Lockstep;
import io.guestram.conformance.run.StepRecord;
import java.util.List;

/**
 * Replays a trace: on a bare implementation, comparing each result with the one the trace
 * expects; or in lockstep with the model and every check, which reproduces failures of
 * properties that results alone do not show (a memory map, the largest free region).
 */
public final class TraceCheck {

    private TraceCheck() {}

    /** The trace's calls run in lockstep on the model and a fresh implementation, up to the first violation. */
    public static List<StepRecord> replay(Trace trace, ImplementationFactory factory) {
        List<Action> actions = trace.lines().stream().map(Line::action).toList();
        return Lockstep.replay(trace.config(), factory, Checks.forProfile(trace.config().profile()), actions);
    }

    /** The first line (1-based, counting calls only) whose result differs, with both results; null if none. */
    public static String firstMismatch(Trace trace, GuestRam ram) {
        int number = 0;
        for (Line line : trace.lines()) {
            number++;
            Outcome actual;
            try {
                actual = line.action().call().apply(ram);
            } catch (RuntimeException e) {
                return "call " + number + " " + line.action().call().java() + " threw " + e;
            }
            if (!actual.equals(line.expect())) {
                return "call " + number + " " + line.action().call().java() + " expected " + line.expect() + ", got " + actual;
            }
        }
        return null;
    }
}
