package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void badNumbersAreAUsageError() {
        assertEquals(ExitCode.USAGE, Main.execute("conform", "--runs", "-1"));
        assertEquals(ExitCode.USAGE, Main.execute("conform", "--impl", "nonsense"));
    }
}
