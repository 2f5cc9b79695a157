package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.explorer.Apalache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * guestram apalache: without Apalache, one line saying how to provide it and exit 0 (as tlc);
 * where APALACHE_HOME is set, a quick run (every check at length 0 or 1, MC*.tla type-checked)
 * whose every verdict is as expected.
 */
class ApalacheCommandTest {

    private record Run(int exit, String out) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(System.err, true), args);
        return new Run(exit, out.toString());
    }

    @TempDir
    Path dir;

    /**
     * The runs module at 2^64 with two of its checks (the whole spec/ would take Apalache many
     * minutes: one JVM a module and a check).
     */
    @Test
    void apalacheRunsWherePresentAndIsSkippedInOneLineElsewhere() throws Exception {
        Path spec = Path.of("..", "spec");
        for (String module : List.of("GuestRamRuns.tla", "MCRuns_64.tla")) {
            Files.copy(spec.resolve(module), dir.resolve(module));
        }
        Files.writeString(dir.resolve(Apalache.CHECKS_FILE),
                "MCRuns_64 --init=IndInit --inv=IndInv --length=1\nMCRuns_64 --init=Init --inv=Inv --length=3\n");
        Run r = run("apalache", "--spec", dir.toString(), "--max-length", "1", "--json");
        if (Apalache.fromEnvironment().isEmpty()) {
            assertEquals(ExitCode.OK, r.exit());
            assertEquals(Apalache.skipNotice() + System.lineSeparator(), r.out());
            return;
        }
        assertEquals(ExitCode.OK, r.exit(), r.out());
        assertTrue(r.out().startsWith("[{\"module\": \"MCRuns_64\", \"command\": \"typecheck\""), r.out());
        assertTrue(r.out().contains("\"args\": [\"--init=IndInit\", \"--inv=IndInv\", \"--length=1\"]"), r.out());
        assertTrue(r.out().contains("\"args\": [\"--init=Init\", \"--inv=Inv\", \"--length=1\"]"), "capped: " + r.out());
        assertTrue(!r.out().contains("\"asExpected\": false"), r.out());
    }

    @Test
    void aNegativeMaxLengthIsAUsageError() {
        assertEquals(ExitCode.USAGE, run("apalache", "--max-length", "-1").exit());
    }
}
