package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.conformance.bounded.BoundedExhaustive;
import io.guestram.conformance.bounded.ReachableStates;
import io.guestram.conformance.report.JUnitReport;
import io.guestram.explorer.Json;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.conformance.report.ProgramReport;
import io.guestram.conformance.run.Statistics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a campaign found. {@code actions} counts the random steps; {@code actionsPerSecond}
 * measures them per second of the running thread's CPU time, i.e. on one core (model,
 * an in-process implementation, generation and all checks; shrinking excluded). An
 * implementation run with {@code --exec} works in another process: its time, and the wait for its
 * answers, are not in that figure; {@code elapsedNanos}, wall time, includes them. {@code counterexamples}
 * holds one minimal counterexample per distinct bug found (failure {@link io.guestram.conformance.run.Signature});
 * {@code repeats} counts the runs that failed again with a known signature; {@code flakiness} is
 * set when an implementation did not fail reproducibly. {@code divergences} counts both.
 * {@code runs} is -1 in a result taken while the campaign was still running.
 */
public record ConformanceResult(
        String implementation,
        Config config,
        long seed,
        int runs,
        int actionsPerRun,
        long actions,
        int divergences,
        long elapsedNanos,
        double actionsPerSecond,
        Statistics statistics,
        List<String> coverageGaps,
        BoundedExhaustive.Result exhaustive,
        ReachableStates.Result reachable,
        List<Counterexample> counterexamples,
        List<ConfigurationRuns> configurations,
        int repeats,
        Flakiness flakiness) {

    /** What ran in one configuration of the rotation; {@code refused}: why the implementation refused it, or null. */
    public record ConfigurationRuns(String name, Config config, int runs, long actions, int maxPieces, String refused) {}

    public ConformanceResult {
        coverageGaps = List.copyOf(coverageGaps);
        counterexamples = List.copyOf(counterexamples);
        configurations = List.copyOf(configurations);
    }

    /** The first bug's counterexample, or null. */
    public Counterexample counterexample() {
        return counterexamples.isEmpty() ? null : counterexamples.get(0);
    }

    public Optional<Counterexample> counterexampleIfAny() {
        return Optional.ofNullable(counterexample());
    }

    /** No divergence and every coverage gate met. */
    public boolean passed() {
        return divergences == 0 && coverageGaps.isEmpty();
    }

    /** A few lines for a terminal or a test failure message. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(passed() ? "PASSED" : flakiness != null ? "FAILED (flaky)" : "FAILED").append(": ").append(implementation).append(" against the model, ")
                .append(config).append('\n');
        s.append(String.format("seed %d (replay: --seed %d or -Dguestram.seed=%d)%n", seed, seed, seed));
        s.append(String.format("%d actions in %s runs of up to %d, %.0f actions/s, %d divergence(s), max pieces %d%n",
                actions, runs < 0 ? "(interrupted)" : Integer.toString(runs), actionsPerRun, actionsPerSecond, divergences,
                statistics.maxPieces()));
        if (exhaustive != null) {
            s.append(String.format("exhaustive: depth %d over %d calls, %d sequences, %d steps, %s%n", exhaustive.depth(),
                    exhaustive.alphabetSize(), exhaustive.sequences(), exhaustive.steps(), exhaustive.config()));
        }
        if (configurations.size() > 1 || configurations.stream().anyMatch(c -> c.refused() != null)) {
            s.append(configurationTable());
        }
        if (actions > 0) {
            s.append(statistics.table());
            s.append(statistics.situationTable());
        }
        if (reachable != null) {
            s.append(String.format("reachable: %d states x %d calls, %d steps, %s%n", reachable.states(),
                    reachable.alphabetSize(), reachable.steps(), reachable.config()));
        }
        coverageGaps.forEach(g -> s.append("coverage gap: ").append(g).append('\n'));
        if (counterexamples.size() > 1) {
            s.append(String.format("%n%d distinct bugs (%d more runs failed with a signature already found):%n",
                    counterexamples.size(), repeats));
            for (int i = 0; i < counterexamples.size(); i++) {
                Counterexample c = counterexamples.get(i);
                s.append(String.format("  bug %d: %s, %d steps%n", i + 1, c.signature(), c.length()));
            }
        }
        for (int i = 0; i < counterexamples.size(); i++) {
            s.append('\n');
            if (counterexamples.size() > 1) {
                s.append("== bug ").append(i + 1).append(" of ").append(counterexamples.size()).append('\n');
            }
            s.append(ProgramReport.render(counterexamples.get(i)));
        }
        if (flakiness != null) {
            s.append('\n').append(flakiness.report());
        }
        return s.toString();
    }

    /** One line per configuration: its runs, actions and most pieces, or why it was skipped. */
    private String configurationTable() {
        StringBuilder s = new StringBuilder(String.format("%-46s %6s %9s %10s%n", "configuration", "runs", "actions", "max pieces"));
        for (ConfigurationRuns c : configurations) {
            if (c.refused() != null) {
                s.append(String.format("%-46s skipped: the implementation refused it in hello (%s)%n", c.name(), c.refused()));
            } else {
                s.append(String.format("%-46s %6d %9d %10d%n", c.name(), c.runs(), c.actions(), c.maxPieces()));
            }
        }
        return s.toString();
    }

    public String toJson() {
        StringBuilder s = new StringBuilder("{");
        s.append("\"passed\":").append(passed())
                .append(",\"implementation\":").append(Json.quote(implementation))
                .append(",\"config\":").append(Json.quote(config.toString()))
                .append(",\"seed\":").append(Json.quote(Long.toString(seed)))
                .append(",\"runs\":").append(runs)
                .append(",\"actionsPerRun\":").append(actionsPerRun)
                .append(",\"actions\":").append(actions)
                .append(",\"divergences\":").append(divergences)
                .append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", elapsedNanos / 1e9))
                .append(",\"actionsPerSecond\":").append(Math.round(actionsPerSecond))
                .append(",\"statistics\":").append(statistics.toJson())
                .append(",\"coverageGaps\":[");
        for (int i = 0; i < coverageGaps.size(); i++) {
            s.append(i == 0 ? "" : ",").append(Json.quote(coverageGaps.get(i)));
        }
        s.append("],\"exhaustive\":").append(exhaustiveJson());
        s.append(",\"reachable\":").append(reachable == null ? "null"
                : "{\"distinctStates\":" + reachable.states() + ",\"alphabet\":" + reachable.alphabetSize()
                        + ",\"steps\":" + reachable.steps() + ",\"config\":" + Json.quote(reachable.config().toString()) + "}");
        s.append(",\"configurations\":[");
        for (int i = 0; i < configurations.size(); i++) {
            ConfigurationRuns c = configurations.get(i);
            s.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.quote(c.name()))
                    .append(",\"config\":").append(Json.quote(c.config().toString()))
                    .append(",\"runs\":").append(c.runs()).append(",\"actions\":").append(c.actions())
                    .append(",\"maxPieces\":").append(c.maxPieces())
                    .append(",\"refused\":").append(c.refused() == null ? "null" : Json.quote(c.refused())).append('}');
        }
        s.append("],\"counterexample\":").append(counterexampleJson(counterexample()));
        s.append(",\"counterexamples\":[");
        for (int i = 0; i < counterexamples.size(); i++) {
            s.append(i == 0 ? "" : ",").append(counterexampleJson(counterexamples.get(i)));
        }
        s.append("],\"repeats\":").append(repeats);
        s.append(",\"flaky\":").append(flakiness == null ? "null" : flakiness.toJson());
        return s.append('}').toString();
    }

    private String exhaustiveJson() {
        if (exhaustive == null) {
            return "null";
        }
        return "{\"depth\":" + exhaustive.depth() + ",\"alphabet\":" + exhaustive.alphabetSize()
                + ",\"sequences\":" + exhaustive.sequences() + ",\"steps\":" + exhaustive.steps()
                + ",\"config\":" + Json.quote(exhaustive.config().toString()) + "}";
    }

    private static String counterexampleJson(Counterexample counterexample) {
        if (counterexample == null) {
            return "null";
        }
        return "{\"violation\":" + Json.quote(counterexample.violation().id())
                + ",\"signature\":" + Json.quote(counterexample.signature().toString())
                + ",\"message\":" + Json.quote(counterexample.violation().message())
                + ",\"origin\":" + Json.quote(counterexample.origin())
                + ",\"length\":" + counterexample.length()
                + ",\"originalLength\":" + counterexample.originalLength()
                + ",\"program\":" + Json.quote(ProgramReport.render(counterexample))
                + ",\"trace\":" + Json.quote(JsonTrace.render(counterexample.config(), counterexample.steps()))
                + ",\"junit\":" + Json.quote(JUnitReport.render(counterexample)) + "}";
    }
}
