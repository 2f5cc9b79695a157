package io.guestram.cli;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.explorer.ModelConfig;
import io.guestram.conformance.report.Itf;
import io.guestram.explorer.Json;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.trace.SpecTrace;
import io.guestram.trace.TraceReplay;
import io.guestram.protocol.ExternalGuestRam;
import io.guestram.protocol.ExternalProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check-trace",
        header = "Replay a recorded trace or a spec's counterexample against the model or an implementation.",
        description = "Reads a trace (JSON Lines, docs/trace-format.md: a config line, then one call and its observed "
                + "result per line) and replays it line by line in constant memory, or reads a behaviour of "
                + "spec/GuestRam.tla, spec/GuestRamSel4.tla or spec/GuestRamRuns.tla (ITF, as Apalache or --itf write it, or TLC's "
                + "-dumpTrace json) and replays its calls, checking also the bytes of each state. Reports the first "
                + "call whose result (or state) differs, with the memory map before it. In profile sel4 only the "
                + "C return values are compared.")
final class CheckTraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The trace, an ITF file or a TLC JSON counterexample.")
    Path file;

    @Option(names = "--profile", paramLabel = "spec|sel4", description = "Replay under this profile (default: the trace's).")
    Profile profile;

    @Option(names = "--config", paramLabel = "FILE.cfg",
            description = "For a spec's counterexample: the model configuration it was checked under, such as "
                    + "spec/MC_Sel4FreeLeaks.cfg (needed for TLC's dumps; ITF that guestram wrote names its own; "
                    + "else the profile's default configuration).")
    Path config;

    @Option(names = "--impl", paramLabel = "optimized|model", defaultValue = "model",
            description = "What to replay against (default: ${DEFAULT-VALUE}).")
    String impl;

    @Mixin
    ExecOptions exec;

    @Option(names = "--itf", paramLabel = "OUT.itf.json",
            description = "Also write the trace as ITF: each state the model's after the call, its last record the "
                    + "recorded call and result (the calls of the specs only: no read or write).")
    Path itfOut;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    /** Runs a replay against the implementation chosen by --impl or --exec. */
    private interface Replay {
        TraceReplay.Result against(ImplementationFactory factory) throws IOException;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            throw new UsageException(file + ": no such readable file");
        }
        exec.validate();
        Optional<Profile> p = Optional.ofNullable(profile);
        Optional<Object> first = firstLine();
        TraceReplay.Result result;
        if (file.toString().endsWith(".itf.json") || first.filter(SpecTrace::isSpecTrace).isPresent()) {
            SpecTrace trace = readSpecTrace();
            Config c = specTraceConfig(trace, p);
            exportItf(c, trace.lines());
            result = replay(c.profile(), f -> TraceReplay.replay(file, trace, c, f));
        } else {
            Profile traceProfile = p.or(() -> first.flatMap(CheckTraceCommand::configOf).map(Config::profile))
                    .orElse(Profile.SPEC);
            if (itfOut != null) {
                JsonTrace.Trace trace = JsonTrace.parse(Files.readString(file));
                exportItf(trace.config().withProfile(traceProfile), trace.lines());
            }
            try (TerminalProgress progress = TerminalProgress.of(spec, json)) {
                result = replay(traceProfile, f -> TraceReplay.replay(file, p, f, progress));
            }
        }
        var out = spec.commandLine().getOut();
        out.println(json ? result.toJson() : result.summary());
        out.flush();
        return result.divergence().isEmpty() ? ExitCode.OK : ExitCode.VIOLATION;
    }

    private TraceReplay.Result replay(Profile p, Replay replay) throws IOException {
        if (!exec.given()) {
            return replay.against(Implementations.of(impl, p));
        }
        long started = System.nanoTime();
        try (ExternalProcess process = exec.process()) {
            return replay.against(process::create);
        } catch (io.guestram.ConfigurationRefusedException e) {
            return new TraceReplay.Result(file, 0, Optional.of("the implementation (" + exec.command
                    + ") refused the trace's configuration in hello: " + e.getMessage()), (System.nanoTime() - started) / 1e9);
        } catch (ExternalGuestRam.ExternalFailure e) {
            // A crash, hang or garbage answer is the implementation's failure, not a bad trace.
            return new TraceReplay.Result(file, 0, Optional.of("the implementation (" + exec.command + ") failed: " + e.getMessage()),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The first line as JSON, if it parses: a trace's config line, or a whole one-line TLC dump. */
    private Optional<Object> firstLine() throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            return line == null ? Optional.empty() : Optional.of(Json.parse(line));
        } catch (IllegalArgumentException | MalformedInputException e) {
            return Optional.empty(); // the replay names the problem with its line number
        }
    }

    private static Optional<Config> configOf(Object line) {
        if (!(line instanceof Map<?, ?> object) || !object.containsKey("config")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonTrace.parseConfig(object.get("config")));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the replay reports the bad config line
        }
    }

    private SpecTrace readSpecTrace() throws IOException {
        try {
            return SpecTrace.parse(Files.readString(file));
        } catch (MalformedInputException e) {
            throw new UsageException(file + ": not UTF-8 text");
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": not an ITF trace or TLC JSON dump of spec/GuestRam.tla, "
                    + "spec/GuestRamSel4.tla or spec/GuestRamRuns.tla: " + e.getMessage());
        }
    }

    private Config specTraceConfig(SpecTrace trace, Optional<Profile> p) {
        Config c;
        if (config != null) {
            c = ModelConfig.read(config).config();
        } else if (trace.config().isPresent()) {
            c = trace.config().get();
        } else if (trace.format().equals("TLC")) {
            throw new UsageException(file + ": a TLC dump does not name its constants: give --config spec/MC_<name>.cfg");
        } else {
            c = Config.defaults(p.orElse(Profile.SPEC));
        }
        return p.map(c::withProfile).orElse(c);
    }

    private void exportItf(Config c, List<JsonTrace.Line> lines) throws IOException {
        if (itfOut == null) {
            return;
        }
        List<Call> calls = lines.stream().map(l -> l.action().call()).toList();
        List<Outcome> outcomes = lines.stream().map(JsonTrace.Line::expect).toList();
        String itf;
        try {
            itf = Itf.export(c, calls, outcomes);
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": cannot be written as ITF: " + e.getMessage());
        }
        Files.writeString(itfOut, itf);
    }
}
