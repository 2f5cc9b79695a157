package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.guestram.protocol.FaultyServer;
import io.guestram.protocol.ProcessTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conform --exec} against faulty implementations ({@link FaultyServer}): what it reports,
 * and that Ctrl-C leaves no implementation process behind. The timeout only guards against a hang.
 */
@Timeout(1200)
class ExecFaultsTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CLASS_PATH = System.getProperty("java.class.path");

    /** The faulty server as a command line for {@code --exec} (run by sh -c). */
    private static String fake(String args) {
        return "'" + JAVA + "' -cp '" + CLASS_PATH + "' " + FaultyServer.class.getName() + " " + args;
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run conform(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void aNondeterministicImplementationIsReportedFlaky() {
        // Each call is answered wrongly with probability 1/2, seeded by the clock: with 20 confirming
        // replays, a run that fails all of them by chance has probability 2^-20.
        Run r = conform("conform", "--exec", fake("random 1"), "--seed", "1", "--runs", "3", "--actions", "20",
                "--confirm", "20", "--startup-timeout-ms", "300000", "--timeout-ms", "300000");
        assertEquals(ExitCode.VIOLATION, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().startsWith("FAILED (flaky)"), r.out());
        assertTrue(r.out().matches("(?s).*\nFLAKY: .*: the failure reproduced in ([0-9]|1[0-9]) of 20 replays of the .*"), r.out());
        assertFalse(r.out().contains("shrunk from"), "no minimal counterexample: " + r.out());
    }

    @Test
    void anImplementationThatFailsTheHandshakeIsAFailureNotAnInternalError() {
        Run r = conform("conform", "--exec", "sh -c 'echo cannot start >&2; exit 7'", "--runs", "1");
        assertEquals(ExitCode.VIOLATION, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("guestram: the implementation failed: "), r.err());
        assertTrue(r.err().contains("closed its output instead of answering 'hello 1 ") && r.err().contains("(exit status 7)")
                && r.err().contains("its last stderr lines: cannot start"), r.err());
    }

    @Test
    void ctrlCKillsTheImplementationAndWhatItStarted(@TempDir Path dir) throws Exception {
        Process cli = new ProcessBuilder(JAVA, "-cp", CLASS_PATH, Main.class.getName(), "conform",
                "--exec", fake("none 0 grandchild"), "--seed", "1", "--runs", "1000000", "--startup-timeout-ms", "300000", "--timeout-ms", "300000")
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        try {
            assumeFalse(ignoresSigint(cli.pid()), "SIGINT is ignored in this environment, as in a background job");
            List<ProcessHandle> implementation = awaitImplementationAndGrandchild(cli);
            new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor();
            assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "guestram did not end on SIGINT");
            assertEquals(130, cli.exitValue(), "128 + SIGINT");
            assertTrue(ProcessTrees.allGone(implementation), "still there after Ctrl-C: " + ProcessTrees.remaining(implementation)
                    + "\n" + Files.readString(dir.resolve("err")));
        } finally {
            cli.destroyForcibly();
        }
    }

    /** The implementation (guestram's child) and the sleep it started, once both run. */
    private static List<ProcessHandle> awaitImplementationAndGrandchild(Process cli) throws InterruptedException {
        while (true) {
            List<ProcessHandle> tree = cli.descendants().toList();
            if (tree.size() >= 2 && tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("sleep"))) {
                return tree;
            }
            assertTrue(cli.isAlive(), "guestram ended before the implementation started");
            Thread.sleep(50);
        }
    }

    private static boolean ignoresSigint(long pid) throws IOException {
        String ignored = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow().substring("SigIgn:".length()).strip();
        return (Long.parseLong(ignored, 16) & (1L << (2 - 1))) != 0;
    }
}
