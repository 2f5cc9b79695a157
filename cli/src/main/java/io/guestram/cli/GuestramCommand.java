package io.guestram.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "guestram",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "A formally specified, checkable reference for libsel4vm's guest RAM interface.",
        description = {
            "The TLA+ spec (spec/GuestRam.tla) is the source of truth; the reference model mirrors it, "
                    + "the explorer proves the two agree, and the conformance engine holds implementations to the model.",
            "",
            "Exit codes: 0 all held, 1 a property or conformance check failed, 2 usage or input error, 70 internal error."
        },
        subcommands = {
            CheckCommand.class,
            ExploreCommand.class,
            TlcCommand.class,
            ApalacheCommand.class,
            ConformCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            CheckTraceCommand.class,
            VectorsCommand.class,
            HelpCommand.class
        })
public final class GuestramCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
