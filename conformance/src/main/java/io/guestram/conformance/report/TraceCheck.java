package io.guestram.conformance.report;

import io.guestram.GuestRam;
import io.guestram.call.Outcome;
import io.guestram.conformance.report.JsonTrace.Line;
import io.guestram.conformance.report.JsonTrace.Trace;

/** Replays a trace on an implementation, comparing every result with the one the trace expects. */
public final class TraceCheck {

    private TraceCheck() {}

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
