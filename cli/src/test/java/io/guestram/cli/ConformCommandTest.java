package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformCommandTest {

    @Test
    void theOptimizedImplementationConforms(@TempDir Path dir) throws Exception {
        assertEquals(ExitCode.OK, Main.execute("conform", "--seed", "1", "--runs", "30", "--actions", "200",
                "--json", "--report", dir.toString()));
        assertTrue(Files.readString(dir.resolve("result.json")).contains("\"passed\":true"));
    }

    @Test
    void aLimitMayBeAPowerOfTwo() {
        assertNotEquals(ExitCode.USAGE, Main.execute("conform", "--profile", "sel4", "--impl", "model", "--limit", "2^48",
                "--seed", "1", "--runs", "5", "--actions", "20"));
        assertEquals(ExitCode.USAGE, Main.execute("conform", "--limit", "2^65"));
        assertEquals(ExitCode.USAGE, Main.execute("conform", "--limit", "2^0"));
    }

    @Test
    void badNumbersAreAUsageError() {
        assertEquals(ExitCode.USAGE, Main.execute("conform", "--runs", "-1"));
        assertEquals(ExitCode.USAGE, Main.execute("conform", "--impl", "nonsense"));
    }
}
