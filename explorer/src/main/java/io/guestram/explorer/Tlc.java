package io.guestram.explorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs TLC from the jar named by the environment variable {@code TLA2TOOLS_JAR} on a model
 * configuration of the spec, in a scratch copy of the spec folder so that TLC's working files
 * never land in the repository. guestram never downloads TLC.
 */
public final class Tlc {

    public static final String JAR_VARIABLE = "TLA2TOOLS_JAR";

    private static final Pattern COUNTS = Pattern.compile(
            "([\\d,]+) states generated, ([\\d,]+) distinct states found, ([\\d,]+) states left on queue");
    private static final Pattern DEPTH = Pattern.compile("depth of the complete state graph search is (\\d+)");
    private static final Pattern VERSION = Pattern.compile("TLC2 Version (\\S+)");
    private static final Pattern VIOLATED = Pattern.compile(
            "Error: Invariant (\\w+) is violated|Error: Action property (\\w+) is violated");
    private static final Pattern TRACE_STATE = Pattern.compile("(?m)^State \\d+: ");
    /** A line of TLC's coverage report: an action, the distinct states it found and the states it generated. */
    private static final Pattern COVERAGE = Pattern.compile(
            "(?m)^<(\\w+) line \\d+, col \\d+ to line \\d+, col \\d+ of module \\w+(?: \\([\\d ]+\\))?>: (\\d+):(\\d+)$");
    private static final String COVERAGE_START = "The coverage statistics at";

    private final Path jar;

    private Tlc(Path jar) {
        this.jar = jar;
    }

    /** TLC if {@code TLA2TOOLS_JAR} names a readable file; empty otherwise. */
    public static Optional<Tlc> fromEnvironment() {
        String path = System.getenv(JAR_VARIABLE);
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        Path jar = Path.of(path);
        if (!Files.isReadable(jar)) {
            throw new ConfigException(JAR_VARIABLE + "=" + path + ": no such readable file");
        }
        return Optional.of(new Tlc(jar));
    }

    /** The one line said wherever TLC is skipped. */
    public static String skipNotice() {
        return "TLC not run: set " + JAR_VARIABLE + " to a tla2tools.jar to model-check the spec with TLC as well";
    }

    /**
     * What TLC reported for one configuration: its verdict and counts, the states each action
     * generated (from its coverage report; the initial states not included), the wall-clock and
     * CPU seconds of its process.
     */
    public record Result(String config, boolean passed, long statesGenerated, long distinctStates, int depth,
            Map<String, Long> transitionsByAction, String version, double seconds, double cpuSeconds, String output,
            Optional<String> violated, int traceStates) {

        public Result {
            transitionsByAction = java.util.Collections.unmodifiableMap(new TreeMap<>(transitionsByAction));
        }

        public String toJson() {
            StringBuilder actions = new StringBuilder("{");
            transitionsByAction.forEach((op, n) -> actions.append(actions.length() > 1 ? ", " : "")
                    .append('"').append(op).append("\": ").append(n));
            actions.append('}');
            return String.format(java.util.Locale.ROOT,
                    "{\"config\": \"%s\", \"passed\": %s, \"distinctStates\": %d, \"statesGenerated\": %d, "
                            + "\"depth\": %d, \"transitionsByAction\": %s, \"violated\": %s, \"tlcVersion\": \"%s\", "
                            + "\"seconds\": %.3f, \"cpuSeconds\": %.3f}",
                    config, passed, distinctStates, statesGenerated, depth, actions,
                    violated.map(p -> "\"" + p + "\"").orElse("null"), version, seconds, cpuSeconds);
        }

        public String summary() {
            String verdict = passed ? "passed" : violated.map(p -> "found a violation of " + p).orElse("FAILED");
            return String.format(java.util.Locale.ROOT, "%s: TLC %s: %d distinct states, %d generated, depth %d, %.2f s",
                    config, verdict, distinctStates, statesGenerated, depth, seconds);
        }
    }

    /**
     * Checks {@code specDir/<config>.cfg}; with {@code dumpTo} set, TLC also writes its state set
     * there (TLC itself appends {@code .dump}).
     */
    public Result check(Path specDir, String config, Optional<Path> dumpTo) throws IOException, InterruptedException {
        return run(specDir, config, dumpTo, dumpTo.isPresent(), Optional.empty());
    }

    /**
     * Checks with a single worker, whose breadth-first search makes a counterexample shortest
     * and the reported depth exact (with several workers TLC may reach a state first through a
     * longer path).
     */
    public Result checkShortest(Path specDir, String config) throws IOException, InterruptedException {
        return run(specDir, config, Optional.empty(), true, Optional.empty());
    }

    /** As {@link #checkShortest}, writing the counterexample as TLC's {@code -dumpTrace json} to {@code traceTo}. */
    public Result checkShortest(Path specDir, String config, Path traceTo) throws IOException, InterruptedException {
        return run(specDir, config, Optional.empty(), true, Optional.of(traceTo));
    }

    private Result run(Path specDir, String config, Optional<Path> dumpTo, boolean singleWorker, Optional<Path> traceTo)
            throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("guestram-tlc");
        try {
            copyTlaAndCfg(specDir, scratch);
            // -coverage: the states each action generated, reported once at the end (the interval is an hour).
            // A heap of 1 GiB is ample for guestram's configurations and keeps TLC a good neighbour.
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-XX:+UseParallelGC", "-cp", jar.toString(),
                    "tlc2.TLC", "-workers", singleWorker ? "1" : "auto", "-cleanup", "-coverage", "60"));
            if (dumpTo.isPresent()) {
                command.addAll(List.of("-dump", dumpTo.get().toAbsolutePath().toString()));
            }
            if (traceTo.isPresent()) {
                command.addAll(List.of("-noGenerateSpecTE", "-dumpTrace", "json", traceTo.get().toAbsolutePath().toString()));
            }
            command.addAll(List.of("-config", config + ".cfg", config + ".tla"));
            long started = System.nanoTime();
            Process tlc = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true).start();
            ProcessHandle handle = tlc.toHandle();
            java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return tlc.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            // The process's CPU time, sampled until it ends (the operating system forgets it after).
            java.time.Duration cpu = java.time.Duration.ZERO;
            while (!tlc.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                cpu = handle.info().totalCpuDuration().orElse(cpu);
            }
            String output = new String(out.join(), StandardCharsets.UTF_8);
            return parse(config, tlc.exitValue(), output, (System.nanoTime() - started) / 1e9, cpu.toMillis() / 1e3);
        } finally {
            deleteTree(scratch);
        }
    }

    static Result parse(String config, int exit, String output, double seconds) {
        return parse(config, exit, output, seconds, 0);
    }

    /** The states each action generated, from TLC's last coverage report. */
    static Map<String, Long> transitionsByAction(String output) {
        int last = output.lastIndexOf(COVERAGE_START);
        Map<String, Long> byAction = new TreeMap<>();
        if (last < 0) {
            return byAction;
        }
        Matcher m = COVERAGE.matcher(output.substring(last));
        while (m.find()) {
            if (!m.group(1).equals("Init")) {
                byAction.merge(m.group(1), Long.parseLong(m.group(3)), Long::sum);
            }
        }
        return byAction;
    }

    static Result parse(String config, int exit, String output, double seconds, double cpuSeconds) {
        Matcher counts = COUNTS.matcher(output);
        long generated = -1;
        long distinct = -1;
        while (counts.find()) {
            generated = Long.parseLong(counts.group(1).replace(",", ""));
            distinct = Long.parseLong(counts.group(2).replace(",", ""));
        }
        Matcher depth = DEPTH.matcher(output);
        Matcher version = VERSION.matcher(output);
        boolean passed = exit == 0 && output.contains("Model checking completed. No error has been found.");
        Matcher violated = VIOLATED.matcher(output);
        Optional<String> property = violated.find()
                ? Optional.of(violated.group(1) != null ? violated.group(1) : violated.group(2)) : Optional.empty();
        return new Result(config, passed, generated, distinct, depth.find() ? Integer.parseInt(depth.group(1)) : -1,
                transitionsByAction(output), version.find() ? version.group(1) : "?", seconds, cpuSeconds, output, property,
                (int) TRACE_STATE.matcher(output).results().count());
    }

    /** Copies the .tla and .cfg files of a spec folder (also Apalache's scratch copy). */
    static void copyTlaAndCfg(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tla") || name.endsWith(".cfg")) {
                    Files.copy(f, to.resolve(name));
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
