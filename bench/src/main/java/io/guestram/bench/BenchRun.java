package io.guestram.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One bench run, as {@code guestram bench} makes it: the explorer against TLC, heap bytes per
 * piece at 10^6 pieces, then the JMH benchmarks through JMH's Runner API, all in one process
 * so that every figure of the report comes from the same run on the same machine.
 */
public final class BenchRun {

    /** How much to measure. */
    public enum Mode {
        /**
         * Two to three minutes: impl and port at 10^2, 10^4 and 10^6 pieces, fragmented layout, JMH
         * in this JVM (no fork), 1 x 300 ms warm-up and 2 x 300 ms measured per benchmark; the
         * explorer (and TLC, about half a minute more) on the largest configuration.
         */
        QUICK("quick", 0, 1, 300, 2, 300, new int[] {100, 10_000, 1_000_000}, new String[] {"fragmented"}),
        /**
         * About twenty minutes: every n and both layouts for impl and port, the model up to
         * 10^4 on the fragmented layout; one fork per benchmark, 1 x 500 ms warm-up, 3 x 500 ms
         * measured; the explorer and TLC on the largest configuration.
         */
        STANDARD("standard", 1, 1, 500, 3, 500, new int[] {100, 1000, 10_000, 100_000, 1_000_000},
                new String[] {"fragmented", "random"}),
        /**
         * The full JMH suite with the benchmarks' own settings (one fork, 2 x 1 s warm-up, 3 x 1 s
         * measured), every parameter; about 45 minutes on two cores.
         */
        FULL("full", -1, -1, -1, -1, -1, null, null);

        final String label;
        final int forks;
        final int warmups;
        final int warmupMillis;
        final int iterations;
        final int iterationMillis;
        final int[] sizes;
        final String[] layouts;

        Mode(String label, int forks, int warmups, int warmupMillis, int iterations, int iterationMillis,
                int[] sizes, String[] layouts) {
            this.label = label;
            this.forks = forks;
            this.warmups = warmups;
            this.warmupMillis = warmupMillis;
            this.iterations = iterations;
            this.iterationMillis = iterationMillis;
            this.sizes = sizes;
            this.layouts = layouts;
        }

        String settings() {
            if (this == FULL) {
                return "JMH 1.37 with the benchmarks' own settings: 1 fork, 2 x 1 s warm-up, 3 x 1 s measured, -prof gc";
            }
            return String.format(Locale.ROOT, "JMH 1.37, %s, %d x %d ms warm-up, %d x %d ms measured, -prof gc",
                    forks == 0 ? "no fork (in this JVM)" : forks + " fork", warmups, warmupMillis, iterations,
                    iterationMillis);
        }
    }

    private BenchRun() {}

    /**
     * Runs everything {@code mode} says and returns the report. {@code log} receives progress;
     * JMH's own output goes to {@code jmhLog}.
     */
    public static Report run(Mode mode, Path specDir, Path jmhLog, PrintWriter log)
            throws IOException, InterruptedException, RunnerException {
        Report report = new Report();
        report.mode = mode.label;
        report.settings = mode.settings();
        describeMachine(report);

        List<Path> configs = ExplorerVsTlc.explorable(specDir);
        if (!configs.isEmpty()) {
            Path cfg = configs.get(configs.size() - 1);
            log.println("bench: explorer" + (System.getenv("TLA2TOOLS_JAR") == null ? "" : " and TLC") + " on "
                    + cfg.getFileName() + " (the largest configuration of profile spec)");
            log.flush();
            report.exploration = ExplorerVsTlc.run(specDir, cfg);
        }

        log.println("bench: retained heap per piece at 10^6 pieces (impl, port)");
        log.flush();
        report.heap.add(HeapPerPiece.measure(Subject.IMPL, 1_000_000));
        report.heap.add(HeapPerPiece.measure(Subject.PORT, 1_000_000));

        List<ChainedOptionsBuilder> runs = new ArrayList<>();
        if (mode == Mode.FULL) {
            runs.add(base(mode, jmhLog).include(ScalingBenchmark.class.getName() + "\\."));
            runs.add(base(mode, jmhLog).include(ModelBenchmark.class.getName() + "\\."));
        } else {
            runs.add(base(mode, jmhLog).include(ScalingBenchmark.class.getName() + "\\.")
                    .param("n", strings(mode.sizes)).param("subject", "impl", "port").param("layout", mode.layouts));
            if (mode == Mode.STANDARD) {
                runs.add(base(mode, jmhLog).include(ModelBenchmark.class.getName() + "\\.")
                        .param("n", "100", "1000", "10000").param("layout", "fragmented"));
            }
        }
        for (ChainedOptionsBuilder options : runs) {
            log.println("bench: JMH (" + mode.settings() + "); its log: " + jmhLog);
            log.flush();
            collect(new Runner(options.build()).run(), report);
        }
        report.machine.put("loadAverageAtEnd", loadAverage());
        return report;
    }

    private static ChainedOptionsBuilder base(Mode mode, Path jmhLog) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .addProfiler(GCProfiler.class)
                .shouldDoGC(true)
                .shouldFailOnError(true)
                .output(jmhLog.toString());
        if (mode != Mode.FULL) {
            b.forks(mode.forks)
                    .warmupIterations(mode.warmups).warmupTime(TimeValue.milliseconds(mode.warmupMillis))
                    .measurementIterations(mode.iterations).measurementTime(TimeValue.milliseconds(mode.iterationMillis));
        }
        return b;
    }

    private static String[] strings(int[] values) {
        return java.util.Arrays.stream(values).mapToObj(Integer::toString).toArray(String[]::new);
    }

    static void collect(Collection<RunResult> results, Report report) {
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String call = Report.CALLS.get(method);
            if (call == null) {
                continue;
            }
            Result<?> alloc = secondaryResult(r, "gc.alloc.rate.norm");
            report.put(r.getParams().getParam("subject"), r.getParams().getParam("layout"), call,
                    Integer.parseInt(r.getParams().getParam("n")),
                    new Report.Cell(r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                            alloc == null ? Double.NaN : alloc.getScore()));
        }
    }

    /** A secondary result by label; JMH's map of them has a raw value type. */
    private static Result<?> secondaryResult(RunResult r, String label) {
        for (Map.Entry<String, ?> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().equals(label) && e.getValue() instanceof Result<?> result) {
                return result;
            }
        }
        return null;
    }

    static void describeMachine(Report report) {
        report.machine.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.machine.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        report.machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        report.machine.put("loadAverageAtStart", loadAverage());
    }

    /** The 1-minute load average: on a shared machine the figures mean little without it. */
    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .distinct().collect(Collectors.joining(", "));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
