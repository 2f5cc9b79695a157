package io.guestram.cli;

import io.guestram.explorer.Exploration;
import io.guestram.explorer.Explorer;
import io.guestram.explorer.Manifest;
import io.guestram.explorer.ModelConfig;
import io.guestram.explorer.Tlc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "tlc",
        header = "Run TLC on every model configuration (needs TLA2TOOLS_JAR); --update regenerates the golden data.",
        description = "Runs TLC from the jar named by the environment variable TLA2TOOLS_JAR on every spec/MC_*.cfg "
                + "and compares every figure with spec/golden/manifest.json: the known-bug configurations must violate "
                + "the property the manifest names with a counterexample of the recorded length, the others must pass "
                + "with the recorded counts (distinct states, states generated, depth, states per action). "
                + "Configurations the manifest marks explorerOnly are skipped. With --update it regenerates instead: "
                + "TLC's dumps (spec/golden/*.dump.gz), its counterexamples (spec/counterexamples/*.tlc.json) and the "
                + "manifest with the SHA-256 of every .tla and .cfg, after checking that the explorer agrees. "
                + "Exit codes: 0 every configuration as expected, 1 not. Without TLA2TOOLS_JAR it says so in one "
                + "line and exits 0 (2 with --update): guestram never downloads TLC.")
final class TlcCommand implements Callable<Integer> {

    /** A .cfg that states a promise its profile breaks says so on a comment line. */
    private static final Pattern EXPECTED = Pattern.compile("(?m)^\\\\\\* Expected violation: (\\w+)");
    /** A .cfg beyond TLC's comfortable reach says so on a comment line. */
    private static final Pattern EXPLORER_ONLY = Pattern.compile("(?m)^\\\\\\* Explorer only\\b");

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "DIR", description = "The spec folder (default: the embedded spec; "
            + "with --update: ./spec).")
    Path specDir;

    @Option(names = "--json", description = "Print a JSON array, one object per configuration.")
    boolean json;

    @Option(names = "--update", description = "Regenerate spec/golden (dumps, manifest.json) and spec/counterexamples "
            + "from TLC's runs, single worker (the dumps are then deterministic and counterexamples shortest).")
    boolean update;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1", description = "With --update: regenerate N "
            + "configurations at once (each TLC run keeps one worker; default: 1).")
    int jobs;

    @Option(names = "--only", paramLabel = "MC_NAME", split = ",", description = "With --update: regenerate these "
            + "configurations only and keep the manifest's other records; refused if a .tla changed since the manifest "
            + "was made (every configuration depends on it).")
    List<String> only;

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
            return update ? ExitCode.USAGE : ExitCode.OK;
        }
        if (update) {
            return update(tlc.get(), updateDirectory());
        }
        Path dir = SpecFiles.directory(specDir);
        Manifest manifest = Manifest.of(dir);
        List<Tlc.Result> results = new ArrayList<>();
        boolean asExpected = true;
        List<Path> configurations = SpecFiles.configurations(dir);
        TerminalProgress progress = TerminalProgress.of(spec, json);
        for (Path cfg : configurations) {
            String name = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
            if (manifest.explorerOnly(name)) {
                if (!json) {
                    out.println(name + ": skipped (explorer only: beyond TLC's comfortable reach, see spec/README.md)");
                }
                continue;
            }
            // One worker: its search is breadth first, so depth and counterexample length are exact.
            Tlc.Result r;
            TerminalProgress.Ticker ticker = progress.ticker(String.format("tlc %s (%d of %d)", name,
                    configurations.indexOf(cfg) + 1, configurations.size()));
            try {
                r = tlc.get().checkShortest(dir, name);
            } finally {
                ticker.stop();
            }
            results.add(r);
            List<String> differ = manifest.disagreements(r);
            asExpected &= differ.isEmpty();
            if (!json) {
                out.println(r.summary() + (!differ.isEmpty() ? " (UNEXPECTED)" : r.passed() ? "" : " (as expected: a known libsel4vm bug)"));
                differ.forEach(d -> out.println("  " + d));
                if (!manifest.expected(r)) {
                    out.println(r.output());
                }
            }
        }
        if (json) {
            out.println("[" + String.join(",\n ", results.stream().map(Tlc.Result::toJson).toList()) + "]");
        }
        return asExpected ? ExitCode.OK : ExitCode.VIOLATION;
    }

    private Path updateDirectory() {
        Path dir = specDir != null ? specDir : Path.of("spec");
        if (!Files.isRegularFile(dir.resolve("GuestRam.tla"))) {
            throw new UsageException("--update writes into the spec folder of a checkout: " + dir.toAbsolutePath()
                    + " has no GuestRam.tla (give it with --spec DIR)");
        }
        return dir;
    }

    /** One configuration's regenerated record, whether the explorer agreed, and the TLC version. */
    private record Regenerated(Manifest.Entry entry, boolean agreed, String version) {}

    /** Regenerates the dumps, counterexamples and manifest of {@code dir}; 1 if the explorer disagrees anywhere. */
    private int update(Tlc tlc, Path dir) throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        if (jobs < 1) {
            throw new UsageException("--jobs " + jobs + ": give at least 1");
        }
        Path golden = Files.createDirectories(dir.resolve("golden"));
        Path counterexamples = Files.createDirectories(dir.resolve("counterexamples"));
        Manifest before = Manifest.of(dir);
        if (only != null) {
            Map<String, String> now = Manifest.hashes(dir);
            for (Map.Entry<String, String> f : now.entrySet()) {
                if (f.getKey().endsWith(".tla") && !f.getKey().startsWith("MC_")
                        && !f.getValue().equals(before.sources().get(f.getKey()))) {
                    throw new UsageException("--only: " + f.getKey() + " changed since the manifest was made: "
                            + "every configuration depends on it, regenerate them all");
                }
            }
        }
        List<java.util.concurrent.Future<Regenerated>> runs = new ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(jobs);
        try {
            for (Path cfg : SpecFiles.configurations(dir)) {
                String name = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
                Optional<Manifest.Entry> kept = before.entry(name);
                if (only != null && !only.contains(name) && kept.isPresent()) {
                    runs.add(java.util.concurrent.CompletableFuture.completedFuture(
                            new Regenerated(kept.get(), true, before.tlcVersion())));
                } else {
                    runs.add(pool.submit(() -> {
                        Regenerated r = regenerate(tlc, dir, cfg, golden, counterexamples);
                        keep(dir, r.entry(), r.version());
                        return r;
                    }));
                }
            }
        } finally {
            pool.shutdown();
        }
        List<Manifest.Entry> entries = new ArrayList<>();
        String version = "";
        boolean agreed = true;
        for (var run : runs) {
            Regenerated r;
            try {
                r = run.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
            entries.add(r.entry());
            agreed &= r.agreed();
            version = r.version().isEmpty() ? version : r.version();
        }
        Manifest manifest = new Manifest(version, Manifest.hashes(dir), entries);
        Files.writeString(Manifest.file(dir), manifest.toJson());
        out.println("wrote " + Manifest.file(dir) + (agreed ? "" : " (the explorer DISAGREES: see above)"));
        out.flush();
        return agreed ? ExitCode.OK : ExitCode.VIOLATION;
    }

    /**
     * Records one regenerated configuration in the manifest at once, so that a run cut short
     * (the machine's memory ran out) keeps what it did: {@code --only} resumes it.
     */
    private static synchronized void keep(Path dir, Manifest.Entry entry, String version) throws IOException {
        Manifest now = Manifest.of(dir);
        List<Manifest.Entry> entries = new ArrayList<>(now.entries().stream()
                .filter(e -> !e.config().equals(entry.config())).toList());
        entries.add(entry);
        entries.sort((a, b) -> a.config().compareTo(b.config()));
        Map<String, String> sources = new java.util.TreeMap<>(now.sources());
        sources.putAll(Manifest.hashes(dir));
        Files.writeString(Manifest.file(dir), new Manifest(version, sources, entries).toJson());
    }

    private Regenerated regenerate(Tlc tlc, Path dir, Path cfg, Path golden, Path counterexamples)
            throws IOException, InterruptedException {
        var out = spec.commandLine().getOut();
        String version = "";
        boolean agreed = true;
        String name = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        String text = Files.readString(cfg);
        Matcher declared = EXPECTED.matcher(text);
        Optional<String> expected = declared.find() ? Optional.of(declared.group(1)) : Optional.empty();
        Exploration e = new Explorer(ModelConfig.read(cfg)).run();
        Optional<Double> explorerSeconds = Optional.of(e.seconds());
        Manifest.Entry entry;
        if (EXPLORER_ONLY.matcher(text).find()) {
            entry = new Manifest.Entry(name, Optional.of(e.distinctStates()), Optional.of(e.statesGenerated()),
                    Optional.of(e.depth()), e.transitionsByAction(), Optional.empty(), Optional.empty(), true,
                    Optional.empty(), Optional.empty(), explorerSeconds);
            synchronized (out) {
                out.println(e.summary() + " (explorer only)");
                out.flush();
            }
        } else if (expected.isPresent()) {
            Tlc.Result r = tlc.checkShortest(dir, name, counterexamples.resolve(name + ".tlc.json"));
            version = r.version();
            entry = new Manifest.Entry(name, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), expected,
                    Optional.of(r.traceStates() - 1), false, Optional.of(r.seconds()), Optional.of(r.cpuSeconds()),
                    explorerSeconds);
            agreed &= report(name, r, e, entry);
        } else {
            Path dump = Files.createTempDirectory("guestram-dump").resolve(name);
            Tlc.Result r = tlc.check(dir, name, Optional.of(dump));
            version = r.version();
            gzip(dump.resolveSibling(name + ".dump"), golden.resolve(name + ".dump.gz"));
            entry = new Manifest.Entry(name, Optional.of(r.distinctStates()), Optional.of(r.statesGenerated()),
                    Optional.of(r.depth()), r.transitionsByAction(), Optional.empty(), Optional.empty(), false,
                    Optional.of(r.seconds()), Optional.of(r.cpuSeconds()), explorerSeconds);
            agreed &= report(name, r, e, entry);
        }
        return new Regenerated(entry, agreed, version);
    }

    /** Prints TLC's result; true iff TLC found what the .cfg declares and the explorer agrees on every figure. */
    private boolean report(String name, Tlc.Result r, Exploration e, Manifest.Entry entry) {
        var out = spec.commandLine().getOut();
        Manifest alone = new Manifest(r.version(), Map.of(), List.of(entry));
        List<String> differ = new ArrayList<>(alone.disagreements(r));
        differ.addAll(alone.disagreements(e));
        synchronized (out) {
            out.println(r.summary() + String.format(java.util.Locale.ROOT, " (%.1f s of CPU); explorer %.1f s",
                    r.cpuSeconds(), e.seconds()));
            differ.forEach(d -> out.println("  " + d));
            if (!alone.expected(r)) {
                out.println(r.output());
            }
            out.flush();
        }
        return differ.isEmpty();
    }

    /** gzip without a timestamp (Java writes none), so that an unchanged dump gives unchanged bytes. */
    private static void gzip(Path from, Path to) throws IOException {
        try (InputStream in = Files.newInputStream(from);
                OutputStream gz = new GZIPOutputStream(Files.newOutputStream(to))) {
            in.transferTo(gz);
        }
        Files.delete(from);
    }
}
