package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command answers -h and --help with its usage and exit 0, as picocli, git and cargo users expect. */
class HelpTest {

    /** Every subcommand the tool has (so a command added later is covered), with each spelling of help. */
    static Stream<Arguments> commands() {
        return new CommandLine(new GuestramCommand()).getSubcommands().keySet().stream()
                .filter(name -> !name.equals("help"))
                .flatMap(name -> Stream.of(Arguments.of(name, "--help"), Arguments.of(name, "-h")));
    }

    @ParameterizedTest(name = "guestram {0} {1}")
    @MethodSource("commands")
    void everyCommandPrintsItsUsage(String command, String option) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), command, option);
        assertEquals(ExitCode.OK, exit, err.toString());
        assertTrue(out.toString().contains("Usage: guestram " + command + " "), out.toString());
        assertTrue(out.toString().contains("-h, --help"), out.toString());
        assertEquals("", err.toString());
    }
}
