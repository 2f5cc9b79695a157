package io.guestram.cli;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.conformance.explore.ModelConfig;
import io.guestram.conformance.report.Itf;
import io.guestram.conformance.report.TraceReplay;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-trace",
        header = "Replay a recorded trace against the reference model.",
        description = "Reads a trace (JSON Lines, docs/trace-format.md: a config line, then one call and its observed "
                + "result per line), replays it on the model line by line in constant memory, and reports the first "
                + "line whose result the model does not give, with the memory map before it. In profile sel4 only the "
                + "C return values are compared.")
final class CheckTraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The trace.")
    Path file;

    @Option(names = "--profile", paramLabel = "spec|sel4", description = "Replay under this profile (default: the trace's).")
    Profile profile;

    @Option(names = "--config", paramLabel = "FILE.cfg",
            description = "For an ITF trace (FILE ending in .itf.json): the model configuration it was checked under, "
                    + "such as spec/MC_Small.cfg (default: the profile's default configuration).")
    Path config;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            throw new UsageException(file + ": no such readable file");
        }
        Optional<Profile> p = Optional.ofNullable(profile);
        Path replayed = file;
        if (file.toString().endsWith(".itf.json")) {
            Config c = config != null ? ModelConfig.read(config).config() : Config.defaults(p.orElse(Profile.SPEC));
            replayed = Files.createTempFile("guestram-itf", ".jsonl");
            replayed.toFile().deleteOnExit();
            try {
                Files.writeString(replayed, Itf.toJsonLines(p.map(c::withProfile).orElse(c), Files.readString(file)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(file + ": not an ITF trace of spec/GuestRam.tla: " + e.getMessage());
            } catch (MalformedInputException e) {
                throw new UsageException(file + ": not UTF-8 text");
            }
        }
        TraceReplay.Result result = TraceReplay.replay(replayed, p);
        var out = spec.commandLine().getOut();
        String text = json ? result.toJson() : result.summary();
        out.println(replayed.equals(file) ? text : text.replace(replayed.toString(), file.toString()));
        out.flush();
        return result.divergence().isEmpty() ? ExitCode.OK : ExitCode.VIOLATION;
    }
}
