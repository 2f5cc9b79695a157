package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * check-trace on real TLC counterexamples of spec/GuestRamSel4.tla (spec/counterexamples/, see
 * its README for the TLC command that wrote them): the sel4 model and a served sel4 model
 * replay them without a difference; the spec model and the optimized implementation, given the
 * same calls, diverge where the known libsel4vm bug says. And --itf round trips.
 */
class CheckTraceCommandTest {

    private static final Path SPEC = Path.of("..", "spec");
    private static final List<String> KNOWN_BUGS = List.of("MC_Sel4FreeLeaks", "MC_Sel4TouchSplit", "MC_Sel4TouchUnmapped");

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(System.err, true), args);
        return new Run(exit, out.toString());
    }

    private static String dump(String config) {
        return SPEC.resolve("counterexamples").resolve(config + ".tlc.json").toString();
    }

    private static String cfg(String config) {
        return SPEC.resolve(config + ".cfg").toString();
    }

    @Test
    void theSel4ModelGivesEveryRecordedResultAndState() {
        for (String config : KNOWN_BUGS) {
            Run r = run("check-trace", dump(config), "--config", cfg(config));
            assertEquals(ExitCode.OK, r.exit(), r.out());
            assertTrue(r.out().contains("every result is the recorded one"), r.out());
        }
    }

    @Test
    void freedBytesStayAllocatedInLibsel4vmButNotInTheSpec() {
        for (String impl : List.of("model", "optimized")) {
            Run r = run("check-trace", dump("MC_Sel4FreeLeaks"), "--config", cfg("MC_Sel4FreeLeaks"),
                    "--profile", "spec", "--impl", impl);
            assertEquals(ExitCode.VIOLATION, r.exit(), r.out());
            assertTrue(r.out().contains("call 3 (TLC's State 4): ram.free(0x2L, 0x1L); gives the recorded OK, but after it "
                    + "the state has allocated [[0x2..0x2]], the implementation []"), r.out());
        }
    }

    @Test
    void aTouchAcrossTwoEntriesFailsInLibsel4vmButNotInTheSpec() {
        for (String impl : List.of("model", "optimized")) {
            Run r = run("check-trace", dump("MC_Sel4TouchSplit"), "--config", cfg("MC_Sel4TouchSplit"),
                    "--profile", "spec", "--impl", impl);
            assertEquals(ExitCode.VIOLATION, r.exit(), r.out());
            assertTrue(r.out().contains("call 3 (TLC's State 4): ram.touch(0x0L, 0x2L,"), r.out());
            assertTrue(r.out().contains("recorded NOT_RAM, the implementation gives OK 0x0"), r.out());
        }
    }

    @Test
    void aServedSel4ModelReplaysThemOverTheDriverProtocol() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String serve = "'" + java + "' -cp '" + System.getProperty("java.class.path") + "' " + Main.class.getName()
                + " serve --impl model";
        // A JVM on a loaded machine may take long to start and to answer its first command: wait minutes, not seconds.
        Run same = run("check-trace", dump("MC_Sel4TouchUnmapped"), "--config", cfg("MC_Sel4TouchUnmapped"), "--exec", serve,
                "--startup-timeout-ms", "300000", "--timeout-ms", "300000");
        assertEquals(ExitCode.OK, same.exit(), same.out());
        Run differs = run("check-trace", dump("MC_Sel4FreeLeaks"), "--config", cfg("MC_Sel4FreeLeaks"),
                "--profile", "spec", "--exec", serve, "--startup-timeout-ms", "300000", "--timeout-ms", "300000");
        assertEquals(ExitCode.VIOLATION, differs.exit(), differs.out());
        assertTrue(differs.out().contains("the state has allocated [[0x2..0x2]], the implementation []"), differs.out());
    }

    @Test
    void anImplementationThatCrashesIsAFailureNotABadTrace() {
        Run r = run("check-trace", dump("MC_Sel4FreeLeaks"), "--config", cfg("MC_Sel4FreeLeaks"), "--exec", "exit 3");
        assertEquals(ExitCode.VIOLATION, r.exit(), r.out());
        assertTrue(r.out().contains("the implementation (exit 3) failed"), r.out());
    }

    @Test
    void aTlcDumpNeedsItsConfiguration() {
        assertEquals(ExitCode.USAGE, run("check-trace", dump("MC_Sel4FreeLeaks")).exit());
        assertEquals(ExitCode.USAGE, run("check-trace", dump("MC_Sel4FreeLeaks"), "--config", cfg("MC_Sel4FreeLeaks"),
                "--impl", "optimized").exit(), "the optimized implementation follows profile spec only");
    }

    @Test
    void tlcDumpsExportedAsItfReplayWithTheSameVerdict(@TempDir Path dir) throws Exception {
        for (String config : KNOWN_BUGS) {
            Path itf = dir.resolve(config + ".itf.json");
            Run fromTlc = run("check-trace", dump(config), "--config", cfg(config), "--itf", itf.toString());
            assertEquals(ExitCode.OK, fromTlc.exit(), fromTlc.out());
            assertTrue(Files.readString(itf).contains("\"source\":\"spec/GuestRamSel4.tla\""));
            Run fromItf = run("check-trace", itf.toString());
            assertEquals(ExitCode.OK, fromItf.exit(), fromItf.out());
            Run tlcUnderSpec = run("check-trace", dump(config), "--config", cfg(config), "--profile", "spec");
            Run itfUnderSpec = run("check-trace", itf.toString(), "--profile", "spec");
            assertEquals(ExitCode.VIOLATION, itfUnderSpec.exit(), itfUnderSpec.out());
            assertEquals(divergence(tlcUnderSpec.out()), divergence(itfUnderSpec.out()));
        }
    }

    @Test
    void aRecordedTraceExportedAsItfReplaysWithTheSameVerdict(@TempDir Path dir) throws Exception {
        String config = "{\"config\":{\"profile\":\"spec\",\"last_address\":\"0xffff\",\"page_size\":\"0x1000\",\"windows\":[]}}\n";
        String calls = """
                {"call":"register_at","start":"0x1000","size":"0x3000","untyped":false,"expect":{"code":"OK"}}
                {"call":"allocate","size":"0x10","expect":{"code":"OK","values":["0x1000"]}}
                {"call":"free","start":"0x1000","size":"0x10","expect":{"code":"OK"}}
                """;
        for (String allocated : List.of("0x1000", "0x2000")) {
            Path trace = dir.resolve("trace-" + allocated + ".jsonl");
            Files.writeString(trace, config + calls.replace("\"0x1000\"]", "\"" + allocated + "\"]"));
            Path itf = dir.resolve("trace-" + allocated + ".itf.json");
            Run fromTrace = run("check-trace", trace.toString(), "--itf", itf.toString());
            Run fromItf = run("check-trace", itf.toString());
            assertEquals(fromTrace.exit(), fromItf.exit(), fromTrace.out() + fromItf.out());
            assertEquals(allocated.equals("0x1000") ? ExitCode.OK : ExitCode.VIOLATION, fromItf.exit(), fromItf.out());
        }
    }

    /** The divergence: the call's number and what differs, without file names, timing or state numbering. */
    private static String divergence(String out) {
        int call = out.indexOf(": call ");
        return out.substring(call, out.indexOf(" (", call)) + out.substring(out.indexOf("): ", call)).trim();
    }
}
