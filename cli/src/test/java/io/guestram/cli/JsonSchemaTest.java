package io.guestram.cli;

import static io.guestram.cli.Schemas.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.explorer.Tlc;
import io.guestram.protocol.FaultyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real --json output of every command that has one, and a report's result.json, satisfy their
 * schema under docs/schemas/. The schemas forbid keys they do not list, so a field added to an
 * output without documenting it fails here. (bench: BenchJsonSchemaTest.)
 */
class JsonSchemaTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    @TempDir
    Path dir;

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertTrue(exit == ExitCode.OK || exit == ExitCode.VIOLATION, exit + ": " + err);
        return new Run(exit, out.toString());
    }

    @Test
    void explore() {
        Run one = run("explore", "--config", "../spec/MC_Sel4FreeLeaks.cfg", "--json");
        assertTrue(one.out().contains("\"violations\": [{"), "a violation is in the sample: " + one.out());
        assertValid("explore", one.out());
        assertValid("explore", run("explore", "--config", "../spec/MC_Sel4TouchUnmapped.cfg",
                "--config", "../spec/MC_Sel4TouchSplit.cfg", "--json").out());
    }

    @Test
    void check() {
        assertValid("check", run("check", "--spec", "../spec", "--runs", "2", "--actions", "20", "--json").out());
    }

    @Test
    void conformPassingWithEveryModeAndItsReport() throws Exception {
        Run r = run("conform", "--runs", "3", "--actions", "30", "--depth", "1", "--reachable", "--seed", "5",
                "--report", dir.toString(), "--json");
        assertValid("conform", r.out());
        assertValid("conform", Files.readString(dir.resolve("result.json")));
    }

    @Test
    void conformWithACounterexampleAndItsReport() throws Exception {
        // The sel4 model served over the protocol, held to profile spec: it diverges (free does nothing).
        String sel4 = "'" + JAVA + "' -cp '" + CLASS_PATH + "' " + Main.class.getName() + " serve --impl model --profile sel4";
        Run r = run("conform", "--exec", sel4, "--runs", "20", "--actions", "40", "--seed", "1", "--report", dir.toString(), "--json");
        assertEquals(ExitCode.VIOLATION, r.exit(), r.out());
        assertTrue(r.out().contains("\"counterexample\":{"), r.out());
        assertValid("conform", r.out());
        assertValid("conform", Files.readString(dir.resolve("result.json")));
    }

    @Test
    void conformFlaky() {
        String random = "'" + JAVA + "' -cp '" + CLASS_PATH + "' " + FaultyServer.class.getName() + " random 1";
        Run r = run("conform", "--exec", random, "--seed", "1", "--runs", "3", "--actions", "20", "--confirm", "20", "--json");
        assertTrue(r.out().contains("\"flaky\":{"), r.out());
        assertValid("conform", r.out());
    }

    @Test
    void checkTracePassingAndDivergent() throws Exception {
        run("vectors", "--out", dir.toString());
        Path trace = dir.resolve("free.jsonl");
        Run passed = run("check-trace", trace.toString(), "--json");
        assertEquals(ExitCode.OK, passed.exit(), passed.out());
        assertValid("check-trace", passed.out());
        Run divergent = run("check-trace", trace.toString(), "--profile", "sel4", "--json");
        assertEquals(ExitCode.VIOLATION, divergent.exit(), divergent.out());
        assertValid("check-trace", divergent.out());
    }

    @Test
    void tlc() throws Exception {
        // Without TLA2TOOLS_JAR, an empty array. With it, TLC on one small configuration (every one takes minutes):
        // a spec folder holding the specs, MC_Sel4TouchUnmapped (a known bug, seconds) and the manifest.
        if (Tlc.fromEnvironment().isEmpty()) {
            assertValid("tlc", run("tlc", "--json").out());
        } else {
            Path spec = Path.of("..", "spec");
            Files.createDirectories(dir.resolve("golden"));
            for (String file : List.of("GuestRam.tla", "GuestRamSel4.tla", "MC_Sel4TouchUnmapped.tla", "MC_Sel4TouchUnmapped.cfg",
                    "golden/manifest.json")) {
                Files.copy(spec.resolve(file), dir.resolve(file));
            }
            Run r = run("tlc", "--spec", dir.toString(), "--json");
            assertTrue(r.out().contains("\"violated\": \"TouchOfRegisteredRamSucceeds\""), r.out());
            assertValid("tlc", r.out());
        }
        Tlc.Result passed = new Tlc.Result("MC_Small", true, 1349187, 9480, 6, java.util.Map.of("Touch", 600000L, "Free", 90000L), "2026.11.25", 70.1, 55.0, "", Optional.empty(), 0);
        Tlc.Result violated = new Tlc.Result("MC_Sel4FreeLeaks", false, 9294, 886, 4, java.util.Map.of(), "2026.11.25", 3.2, 2.9, "",
                Optional.of("FreeReleasesTheRange"), 4);
        assertValid("tlc", "[" + String.join(",", List.of(passed.toJson(), violated.toJson())) + "]");
    }
}
