package io.guestram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.bounded.BoundedExhaustive;
import io.guestram.conformance.broken.LargestTiesToHighest;
import io.guestram.conformance.report.Itf;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItfTest {

    private static final Config SMALL = Config.bounded(Profile.SPEC, 16, 4, List.of(new Window(8, 15)));

    @Test
    void exportThenImportRoundTrips() {
        List<Call> calls = List.of(new Call.Largest(), new Call.RegisterAt(0, 6, false), new Call.Register(3),
                new Call.RegisterAt(5, 2, false), new Call.MarkAllocated(1, 2), new Call.Allocate(2),
                new Call.Allocate(0), new Call.Free(1, 1), new Call.Free(0, 17), new Call.Largest(),
                new Call.Touch(2, 3, 0, 0), new Call.Touch(0, 6, 2, 2), new Call.Touch(6, 5, 0, 0));
        GuestRam ram = Models.reference(SMALL);
        List<Outcome> outcomes = new ArrayList<>();
        calls.forEach(c -> outcomes.add(c.apply(ram)));
        String itf = Itf.export(SMALL, calls, outcomes);
        assertTrue(itf.contains("\"registered\":{\"#set\":[{\"#bigint\":\"0\"}"), itf);
        assertTrue(itf.contains("{\"#tup\":[{\"#bigint\":\"2\"},{\"#bigint\":\"2\"},{\"#bigint\":\"0\"}]}"), itf);
        List<JsonTrace.Line> lines = SpecTrace.parse(itf).lines();
        assertEquals(calls.size(), lines.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(calls.get(i), lines.get(i).action().call());
            assertEquals(outcomes.get(i), lines.get(i).expect(), calls.get(i).toString());
        }
        assertEquals(itf, Itf.export(SMALL, calls, outcomes));
    }

    @Test
    void aSmallCounterexampleAlsoComesAsAnItfTraceOfTheSpec(@TempDir Path dir) throws Exception {
        Config small = BoundedExhaustive.smallConfig(Profile.SPEC);
        ConformanceResult r = Campaign.of(small, LargestTiesToHighest::new).seed(3).runs(50).actions(50)
                .coverageGate(false).reportDir(dir).run();
        assertEquals(1, r.divergences(), r.summary());
        String itf = Files.readString(dir.resolve("counterexample.itf.json"));
        assertEquals(r.counterexample().length(), SpecTrace.parse(itf).lines().size(), itf);
    }

    @Test
    void handWrittenItfReplays() {
        String itf = """
                {"#meta":{"format":"ITF"},"vars":["registered","allocated","last"],"states":[
                {"#meta":{"index":0},"registered":{"#set":[]},"allocated":{"#set":[]},
                 "last":{"op":"Init","args":[],"code":"OK","ret":[],"chunks":[]}},
                {"registered":{"#set":[{"#bigint":"3"},{"#bigint":"4"},{"#bigint":"5"}]},"allocated":{"#set":[]},
                 "last":{"op":"RegisterAt","args":[{"#bigint":"3"},{"#bigint":"3"}],"code":"OK","ret":[],"chunks":[]}},
                {"registered":{"#set":[{"#bigint":"3"},{"#bigint":"4"},{"#bigint":"5"}]},"allocated":{"#set":[{"#bigint":"3"}]},
                 "last":{"op":"Allocate","args":[{"#bigint":"1"}],"code":"OK","ret":[{"#bigint":"3"}],"chunks":[]}},
                {"registered":{"#set":[{"#bigint":"3"},{"#bigint":"4"},{"#bigint":"5"}]},"allocated":{"#set":[{"#bigint":"3"}]},
                 "last":{"op":"Free","args":[{"#bigint":"4"},{"#bigint":"1"}],"code":"NOT_ALLOCATED","ret":[],"chunks":[]}},
                {"registered":{"#set":[{"#bigint":"3"},{"#bigint":"4"},{"#bigint":"5"}]},"allocated":{"#set":[{"#bigint":"3"}]},
                 "last":{"op":"Touch","args":[{"#bigint":"3"},{"#bigint":"3"},{"#bigint":"0"}],"code":"OK",
                         "ret":[{"#bigint":"0"}],"chunks":[{"#tup":[{"#bigint":"3"},{"#bigint":"1"},{"#bigint":"0"}]},
                                                            {"#tup":[{"#bigint":"4"},{"#bigint":"2"},{"#bigint":"1"}]}]}},
                {"registered":{"#set":[{"#bigint":"3"},{"#bigint":"4"},{"#bigint":"5"}]},"allocated":{"#set":[{"#bigint":"3"}]},
                 "last":{"op":"Largest","args":[],"code":"OK","ret":[{"#bigint":"4"},{"#bigint":"2"}],"chunks":[]}}
                ]}
                """;
        GuestRam ram = Models.reference(SMALL);
        List<JsonTrace.Line> lines = SpecTrace.parse(itf).lines();
        assertEquals(5, lines.size());
        for (JsonTrace.Line line : lines) {
            assertEquals(line.expect(), line.action().call().apply(ram), line.action().call().toString());
        }
    }

    @Test
    void malformedTracesNameTheStateAndTheProblem() {
        String init = "{\"last\":{\"op\":\"Init\",\"args\":[],\"code\":\"OK\",\"ret\":[],\"chunks\":[]}}";
        assertMessage("ITF: no \"states\"", "{\"vars\":[]}");
        assertMessage("ITF: JSON: nested deeper than 64", "[".repeat(10_000));
        assertMessage("ITF state 1: unknown op 'Reboot' (the specs have [Allocate, Free, Largest, MarkAllocated, Read, "
                + "Register, RegisterAt, Touch, Write])", "{\"states\":[" + init + "," + init.replace("Init", "Reboot") + "]}");
        assertMessage("ITF state 0: Allocate's args must have 1 elements, not 0", "{\"states\":[" + init.replace("Init", "Allocate") + "]}");
        assertMessage("ITF state 0: #bigint must be a decimal integer, not \"1e3\"",
                "{\"states\":[" + init.replace("Init", "Allocate").replace("\"args\":[]", "\"args\":[{\"#bigint\":\"1e3\"}]") + "]}");
        assertMessage("ITF state 0: 18446744073709551616 is not a 64-bit value", "{\"states\":["
                + init.replace("Init", "Allocate").replace("\"args\":[]", "\"args\":[{\"#bigint\":\"18446744073709551616\"}]") + "]}");
        assertMessage("ITF state 0: Touch's third argument 2147483648 is not between 0 and 2^31 - 1", "{\"states\":["
                + init.replace("Init", "Touch").replace("\"args\":[]", "\"args\":[1,2,2147483648]") + "]}");
    }

    private static void assertMessage(String expected, String itf) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecTrace.parse(itf));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
