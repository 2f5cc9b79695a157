package io.guestram.cli;

import io.guestram.bench.BenchRun;
import io.guestram.bench.Report;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench",
        header = "Benchmark the implementation against libsel4vm's algorithm, and the explorer against TLC.",
        description = {
            "Measures, in one run: ns/op of every call at n pieces (JMH) for the optimized implementation, "
                    + "a Java port of libsel4vm's algorithm and (standard and full runs, n <= 10^4) the reference model; "
                    + "retained heap bytes per piece at 10^6 pieces; distinct states per second of the explorer and, "
                    + "where TLA2TOOLS_JAR is set, of TLC on the same configuration. Prints a table, the ratios and "
                    + "which targets are met.",
            "",
            "Default: about 20 minutes. --quick: 2-3 minutes (n = 10^2, 10^4, 10^6, fragmented layout, "
                    + "JMH in this JVM). --full: the whole JMH suite, about 45 minutes. "
                    + "Figures are noisy on a shared machine: see bench/RESULTS.md."
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "A short run of 2-3 minutes.")
    boolean quick;

    @Option(names = "--full", description = "The whole JMH suite with the benchmarks' own settings (about 45 minutes).")
    boolean full;

    @Option(names = "--json", description = "Print JSON: nsPerOp[subject][call][n], bytesPerPiece, explorer, ratios (camelCase calls), targetsMet, allTargetsMet, targets.")
    boolean json;

    @Option(names = "--spec", paramLabel = "DIR", description = "The spec folder (default: the embedded spec).")
    Path specDir;

    @Option(names = "--jmh-log", paramLabel = "FILE", description = "Where JMH's own output goes (default: a temporary file).")
    Path jmhLog;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        if (quick && full) {
            throw new UsageException("--quick and --full exclude each other");
        }
        BenchRun.Mode mode = quick ? BenchRun.Mode.QUICK : full ? BenchRun.Mode.FULL : BenchRun.Mode.STANDARD;
        Path log = jmhLog != null ? jmhLog : Files.createTempFile("guestram-jmh", ".log");
        Report report;
        try (TerminalProgress progress = TerminalProgress.of(spec, json)) {
            TerminalProgress.Ticker ticker = progress.ticker("bench (" + mode.name().toLowerCase(Locale.ROOT) + ")");
            try {
                report = BenchRun.run(mode, SpecFiles.directory(specDir), log, progress.log());
            } finally {
                ticker.stop();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? report.json() : report.text());
        out.flush();
        return ExitCode.OK;
    }
}
