package io.guestram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.Span;
import io.guestram.conformance.report.Itf;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.explorer.ModelConfig;
import io.guestram.impl.OptimizedGuestRam;
import io.guestram.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Counterexamples that TLC wrote with -dumpTrace json (spec/counterexamples/, whose README gives
 * the command) read as calls with results and states, and replay against implementations.
 */
class SpecTraceTest {

    private static final Path SPEC = Path.of("..", "spec");

    private static Path dump(String config) {
        return SPEC.resolve("counterexamples").resolve(config + ".tlc.json");
    }

    private static SpecTrace read(String config) throws Exception {
        return SpecTrace.parse(Files.readString(dump(config)));
    }

    @Test
    void aTlcDumpIsItsCallsResultsAndStates() throws Exception {
        SpecTrace trace = read("MC_Sel4FreeLeaks");
        assertEquals("TLC", trace.format());
        assertEquals(List.of(new Call.RegisterAt(2, 1, false), new Call.MarkAllocated(2, 1), new Call.Free(2, 1)),
                trace.lines().stream().map(l -> l.action().call()).toList());
        assertTrue(trace.lines().stream().allMatch(l -> l.expect().isOk()));
        SpecTrace.Bytes after = trace.steps().get(2).after().orElseThrow();
        assertEquals(List.of(new Span(2, 2)), after.registered());
        assertEquals(List.of(new Span(2, 2)), after.allocated(), "libsel4vm's free leaves the byte allocated");
    }

    @Test
    void aTouchOfAnUnmappedPageReturnsMinusOneInLibsel4vmOnly() throws Exception {
        SpecTrace trace = read("MC_Sel4TouchUnmapped");
        Config sel4 = ModelConfig.read(SPEC.resolve("MC_Sel4TouchUnmapped.cfg")).config();
        assertEquals(Optional.empty(), TraceReplay.replay(dump("MC_Sel4TouchUnmapped"), trace, sel4, Models::reference).divergence());
        // The spec profile knows the limit 5 of the configuration and refuses register_at(5, 4): give it room.
        Config roomy = Config.bounded(Profile.SPEC, 16, 4, List.of(new Window(1, 1)));
        for (var factory : List.<ImplementationFactory>of(Models::reference, OptimizedGuestRam::new)) {
            String divergence = TraceReplay.replay(dump("MC_Sel4TouchUnmapped"), trace, roomy, factory).divergence().orElseThrow();
            assertTrue(divergence.contains("call 2 (TLC's State 3): ram.touch(0x5L, 0x4L,"), divergence);
            assertTrue(divergence.contains("recorded OK 0xffffffffffffffff chunks [(0x4, 0x3, 0x0)]"), divergence);
        }
    }

    @Test
    void itfAndTlcReadAlike() throws Exception {
        SpecTrace tlc = read("MC_Sel4TouchSplit");
        Config config = ModelConfig.read(SPEC.resolve("MC_Sel4TouchSplit.cfg")).config();
        List<Call> calls = tlc.lines().stream().map(l -> l.action().call()).toList();
        SpecTrace itf = SpecTrace.parse(Itf.export(config, calls, tlc.lines().stream().map(JsonTrace.Line::expect).toList()));
        assertEquals("ITF", itf.format());
        assertEquals(Optional.of(config), itf.config());
        assertEquals(tlc.steps().size(), itf.steps().size());
        for (int i = 0; i < tlc.steps().size(); i++) {
            assertEquals(tlc.steps().get(i), itf.steps().get(i));
        }
    }

    @Test
    void aMalformedStateIsNamed() {
        String broken = "{\"counterexample\":{\"state\":[[1,{\"last\":{\"op\":\"Init\"}}],[2,{\"last\":{\"op\":\"Jump\","
                + "\"args\":[],\"code\":\"OK\",\"ret\":[],\"chunks\":[]}}]]},\"vars\":[\"last\"]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecTrace.parse(broken));
        assertTrue(e.getMessage().startsWith("TLC state 1: unknown op 'Jump' (the specs have ["), e.getMessage());
    }

    /** A two-state ITF of spec/GuestRamRuns.tla, as Apalache writes it, with the given pieces. */
    private static String runsItf(String pieces) {
        return "{\"#meta\":{\"format\":\"ITF\"},\"vars\":[\"last\",\"pieces\"],\"states\":["
                + "{\"#meta\":{\"index\":0},\"last\":{\"args\":[],\"chunks\":[],\"code\":\"OK\",\"op\":\"Init\",\"ret\":[]},"
                + "\"pieces\":{\"#set\":[]}},"
                + "{\"#meta\":{\"index\":1},\"last\":{\"args\":[{\"#bigint\":\"4096\"},{\"#bigint\":\"2\"}],\"chunks\":[],"
                + "\"code\":\"OK\",\"op\":\"MarkAllocated\",\"ret\":[]},\"pieces\":{\"#set\":[" + pieces + "]}}]}";
    }

    @Test
    void theRunsModulesPiecesAreItsBytesInAnyOrder() {
        String pieces = "{\"#tup\":[{\"#bigint\":\"4098\"},{\"#bigint\":\"18446744073709551615\"},false]},"
                + "{\"#tup\":[{\"#bigint\":\"4096\"},{\"#bigint\":\"4097\"},true]},"
                + "{\"#tup\":[{\"#bigint\":\"0\"},{\"#bigint\":\"4095\"},false]}";
        SpecTrace trace = SpecTrace.parse(runsItf(pieces));
        assertEquals(List.of(new Call.MarkAllocated(4096, 2)), trace.lines().stream().map(l -> l.action().call()).toList());
        SpecTrace.Bytes after = trace.steps().get(0).after().orElseThrow();
        assertEquals(List.of(new Span(0, -1L)), after.registered(), "touching pieces of both kinds are one registered run up to 2^64 - 1");
        assertEquals(List.of(new Span(4096, 4097)), after.allocated());
    }

    @Test
    void aRunsTraceTheModelDisagreesWithDiverges() {
        // mark_allocated(4096, 2) of nothing registered: the model rejects it (NOT_RAM), the trace says OK.
        SpecTrace trace = SpecTrace.parse(runsItf("{\"#tup\":[{\"#bigint\":\"4096\"},{\"#bigint\":\"4097\"},true]}"));
        for (var factory : List.<ImplementationFactory>of(Models::reference, OptimizedGuestRam::new)) {
            String divergence = TraceReplay.replay(Path.of("runs.itf.json"), trace, Config.defaults(Profile.SPEC), factory)
                    .divergence().orElseThrow();
            assertTrue(divergence.contains("NOT_RAM"), divergence);
        }
    }

    @Test
    void aMalformedPieceIsNamed() {
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> SpecTrace.parse(runsItf("{\"#tup\":[{\"#bigint\":\"1\"},{\"#bigint\":\"2\"},1]}")));
        assertEquals("ITF state 1: a piece's third element must be a boolean, not 1", flag.getMessage());
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                () -> SpecTrace.parse(runsItf("{\"#tup\":[{\"#bigint\":\"5\"},{\"#bigint\":\"2\"},true]}")));
        assertEquals("ITF state 1: a piece from 5 to 2 ends before it starts", backwards.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> SpecTrace.parse(runsItf("{\"#tup\":[{\"#bigint\":\"5\"},true]}")));
        assertEquals("ITF state 1: a piece must have 3 elements, not 2", shape.getMessage());
    }

    /**
     * The behaviours of spec/GuestRamRuns.tla at Limit 2^64 that Apalache generated and
     * spec/traces-64/README.md describes: each replays against the reference model and the
     * optimized implementation (Config.defaults: 2^64, 4 KiB pages, one window) without divergence,
     * results and bytes of every state alike.
     */
    @Test
    void apalachesTracesAt2To64ReplayAgainstModelAndImplementation() throws Exception {
        Path dir = SPEC.resolve("traces-64");
        List<Path> traces;
        try (var files = Files.list(dir)) {
            traces = files.filter(f -> f.toString().endsWith(".itf.json")).sorted().toList();
        }
        Config config = Config.defaults(Profile.SPEC);
        int deep = 0;
        for (Path file : traces) {
            SpecTrace trace = SpecTrace.parse(Files.readString(file));
            deep += trace.steps().size() >= 6 ? 1 : 0;
            assertTrue(trace.steps().stream().allMatch(s -> s.after().isPresent()), file + ": every state has its bytes");
            for (var factory : List.<ImplementationFactory>of(Models::reference, OptimizedGuestRam::new)) {
                assertEquals(Optional.empty(), TraceReplay.replay(file, trace, config, factory).divergence(), file.toString());
            }
        }
        assertTrue(traces.size() >= 14 && deep >= 10, traces.size() + " traces kept, " + deep + " of 6 calls or more");
    }

    /**
     * Apalache's counterexamples of the known libsel4vm bugs (spec/counterexamples/*.apalache.itf.json,
     * found under the MC modules' BugNext, spec/apalache-checks.txt): each replays against the sel4
     * model with every result and state as Apalache recorded it, and is as long as TLC's shortest
     * counterexample and makes the same kinds of call, so both tools show the same bug.
     */
    @Test
    void apalachesCounterexamplesOfTheKnownBugsReplayAgainstTheSel4Model() throws Exception {
        List<Path> traces;
        try (var files = Files.list(SPEC.resolve("counterexamples"))) {
            traces = files.filter(f -> f.toString().endsWith(".apalache.itf.json")).sorted().toList();
        }
        for (Path file : traces) {
            String config = file.getFileName().toString().replace(".apalache.itf.json", "");
            Config sel4 = ModelConfig.read(SPEC.resolve(config + ".cfg")).config();
            SpecTrace apalache = SpecTrace.parse(Files.readString(file));
            SpecTrace tlc = read(config);
            assertEquals("ITF", apalache.format());
            assertEquals(Optional.empty(), TraceReplay.replay(file, apalache, sel4, Models::reference).divergence(), config);
            assertEquals(tlc.lines().size(), apalache.lines().size(), config + ": as long as TLC's");
            // The same calls, not always in TLC's order: for MC_Sel4UnalignedOverlap Apalache registers
            // the window's byte first and then register_at's unchecked last page lands on it.
            assertEquals(calls(tlc), calls(apalache), config + ": the same kinds of call");
        }
        assertTrue(traces.size() >= 6, traces.size() + " of Apalache's counterexamples");
    }

    private static List<String> calls(SpecTrace trace) {
        return trace.lines().stream().map(l -> l.action().call().op()).sorted().toList();
    }
}
