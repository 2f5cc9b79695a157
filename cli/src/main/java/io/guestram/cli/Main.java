package io.guestram.cli;

import io.guestram.conformance.explore.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point: {@code guestram <command>}. Exit codes are those of {@link ExitCode}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        return execute(null, args);
    }

    /** As {@link #execute(String...)}, printing the command's output to {@code out} (null: stdout). */
    static int execute(PrintWriter out, String... args) {
        CommandLine cli = new CommandLine(new GuestramCommand());
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        if (out != null) {
            cli.setOut(out);
        }
        return cli.execute(args);
    }

    /** Bad input is the user's to fix: one line naming the problem. Anything else is our bug. */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean debug = parsed.hasMatchedOption("--debug")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--debug"));
        if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof UsageException) {
            err.println("guestram: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.USAGE;
        }
        err.println("guestram: internal error: " + e);
        e.printStackTrace(err);
        return ExitCode.INTERNAL;
    }
}
