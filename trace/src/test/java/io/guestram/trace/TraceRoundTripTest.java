package io.guestram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.broken.AllocateHighestFit;
import io.guestram.conformance.broken.Counterexamples;
import io.guestram.conformance.broken.LargestTiesToHighest;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.conformance.run.StepRecord;
import io.guestram.explorer.Json;
import io.guestram.model.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRoundTripTest {

    private static String trace(Counterexample c) {
        return JsonTrace.render(c.config(), c.steps());
    }

    @Test
    void aTraceLineLooksAsDocumented() {
        Counterexample c = Counterexamples.of(AllocateHighestFit::new);
        String[] lines = trace(c).split("\n");
        assertTrue(lines[0].startsWith("{\"config\":{\"profile\":\"spec\""), lines[0]);
        assertTrue(lines[1].matches(
                "\\{\"call\":\"register_at\",\"start\":\"0x[0-9a-f]+\",\"size\":\"0x[0-9a-f]+\",\"untyped\":false,\"expect\":\\{\"code\":\"OK\"}}"),
                lines[1]);
    }

    @Test
    void aParsedTraceHasTheSameCallsAndExpectations() {
        Counterexample c = Counterexamples.of(AllocateHighestFit::new);
        JsonTrace.Trace trace = JsonTrace.parse(trace(c));
        assertEquals(c.config(), trace.config());
        assertEquals(c.actions(), trace.lines().stream().map(JsonTrace.Line::action).toList());
        assertEquals(c.steps().stream().map(StepRecord::model).toList(),
                trace.lines().stream().map(JsonTrace.Line::expect).toList());
    }

    @Test
    void theModelPassesTheTraceAndTheBrokenImplementationDoesNot() {
        JsonTrace.Trace trace = JsonTrace.parse(trace(Counterexamples.of(AllocateHighestFit::new)));
        assertNull(TraceCheck.firstMismatch(trace, Models.reference(trace.config())));
        assertNotNull(TraceCheck.firstMismatch(trace, new AllocateHighestFit(trace.config())));
    }

    @Test
    void replayingInLockstepReproducesAFailureThatResultsDoNotShow() {
        Counterexample c = Counterexamples.of(LargestTiesToHighest::new);
        JsonTrace.Trace trace = JsonTrace.parse(trace(c));
        List<StepRecord> replayed = TraceCheck.replay(trace, LargestTiesToHighest::new);
        assertEquals(c.violation().id(), replayed.get(replayed.size() - 1).violation().id());
    }

    @Test
    void everyKindOfCallSurvivesTheRoundTrip() {
        Config small = Config.bounded(Profile.SPEC, 4, 2, List.of(io.guestram.Window.of(0, 4)));
        for (Action a : io.guestram.conformance.bounded.BoundedExhaustive.alphabet(small)) {
            var expected = a.call().apply(Models.reference(small));
            JsonTrace.Line line = JsonTrace.parseLine(asObject(JsonTrace.line(a, expected)));
            assertEquals(a, line.action());
            assertEquals(expected, line.expect());
        }
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> asObject(String json) {
        return (java.util.Map<String, Object>) Json.parse(json);
    }
}
