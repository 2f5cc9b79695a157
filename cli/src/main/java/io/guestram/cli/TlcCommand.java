package io.guestram.cli;

import io.guestram.conformance.explore.Manifest;
import io.guestram.conformance.explore.Tlc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tlc",
        header = "Run TLC on every model configuration (needs TLA2TOOLS_JAR).",
        description = "Runs TLC from the jar named by the environment variable TLA2TOOLS_JAR on every spec/MC_*.cfg "
                + "and prints its counts. The configurations of known libsel4vm bugs (spec/golden/manifest.json) must "
                + "violate the property the manifest names; the others must pass. Exit codes: 0 every configuration as "
                + "expected, 1 not. Without TLA2TOOLS_JAR it says so in one line and exits 0: guestram never downloads TLC.")
final class TlcCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "DIR", description = "The spec folder (default: the embedded spec).")
    Path specDir;

    @Option(names = "--json", description = "Print a JSON array, one object per configuration.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        Optional<Tlc> tlc = Tlc.fromEnvironment();
        if (tlc.isEmpty()) {
            if (json) {
                out.println("[]"); // stdout stays JSON; the notice goes where a script's reader does not parse it
                spec.commandLine().getErr().println(Tlc.skipNotice());
            } else {
                out.println(Tlc.skipNotice());
            }
            return ExitCode.OK;
        }
        Path dir = SpecFiles.directory(specDir);
        Manifest manifest = Manifest.of(dir);
        List<Tlc.Result> results = new ArrayList<>();
        boolean asExpected = true;
        List<Path> configurations = SpecFiles.configurations(dir);
        TerminalProgress progress = TerminalProgress.of(spec, json);
        for (Path cfg : configurations) {
            String name = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
            Tlc.Result r;
            TerminalProgress.Ticker ticker = progress.ticker(String.format("tlc %s (%d of %d)", name,
                    configurations.indexOf(cfg) + 1, configurations.size()));
            try {
                r = tlc.get().check(dir, name, Optional.empty());
            } finally {
                ticker.stop();
            }
            results.add(r);
            boolean expected = manifest.expected(r);
            asExpected &= expected;
            if (!json) {
                out.println(r.summary() + (!expected ? " (UNEXPECTED)" : r.passed() ? "" : " (as expected: a known libsel4vm bug)"));
                if (!expected) {
                    out.println(r.output());
                }
            }
        }
        if (json) {
            out.println("[" + String.join(",\n ", results.stream().map(Tlc.Result::toJson).toList()) + "]");
        }
        return asExpected ? ExitCode.OK : ExitCode.VIOLATION;
    }
}
