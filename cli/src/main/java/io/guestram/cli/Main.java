package io.guestram.cli;

import io.guestram.Profile;
import io.guestram.explorer.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Entry point: {@code guestram <command>}. Exit codes are those of {@link ExitCode}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line printing to {@code out} and {@code err}; returns its exit code. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new GuestramCommand());
        addHelpOptions(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.registerConverter(Profile.class, Main::profile);
        cli.setParameterExceptionHandler(Main::badParameter);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        return cli.execute(args);
    }

    /**
     * Every command, present and future, answers {@code -h} and {@code --help}: added here once rather
     * than on each {@code @Command}. The root has them (and {@code --version}) from its annotation.
     */
    private static void addHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (!(spec.userObject() instanceof CommandLine.HelpCommand) && spec.findOption("--help") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOptions(sub);
        }
    }

    /** A --profile value: picocli names the option in the message. */
    private static Profile profile(String value) {
        try {
            return Profile.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("expected spec or sel4, not '" + value + "'");
        }
    }

    /** A command line picocli cannot read: the problem in one line and where to look, not the whole usage. */
    private static int badParameter(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("guestram: " + e.getMessage());
        err.println(command.getParent() == null ? "see 'guestram --help'" : "see 'guestram help " + command.getCommandName() + "'");
        err.flush();
        return ExitCode.USAGE;
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
