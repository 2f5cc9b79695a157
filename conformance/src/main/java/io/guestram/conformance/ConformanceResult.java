package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.conformance.bounded.BoundedExhaustive;
import io.guestram.conformance.bounded.ReachableStates;
import io.guestram.conformance.report.Json;
import io.guestram.conformance.run.Statistics;
import java.util.List;
import java.util.Optional;

/**
 * What a campaign found. {@code actions} counts the random steps; {@code actionsPerSecond}
 * measures them per second of the running thread's CPU time, i.e. on one core (model,
 * an in-process implementation, generation and all checks; shrinking excluded). An
 * implementation run with {@code --exec} works in another process: its time, and the wait for its
 * answers, are not in that figure; {@code elapsedNanos}, wall time, includes them. The campaign
 * stops at the first divergence, so {@code divergences} is 0 or 1; it is then either a minimal
 * {@code counterexample} or, for an implementation that does not fail reproducibly, {@code flakiness}.
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
        Counterexample counterexample,
        Flakiness flakiness) {

    public ConformanceResult {
        coverageGaps = List.copyOf(coverageGaps);
    }

    public Optional<Counterexample> counterexampleIfAny() {
        return Optional.ofNullable(counterexample);
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
        s.append(String.format("%d actions in %d runs of up to %d, %.0f actions/s, %d divergence(s), max pieces %d%n",
                actions, runs, actionsPerRun, actionsPerSecond, divergences, statistics.maxPieces()));
        if (exhaustive != null) {
            s.append(String.format("exhaustive: depth %d over %d calls, %d sequences, %d steps, %s%n", exhaustive.depth(),
                    exhaustive.alphabetSize(), exhaustive.sequences(), exhaustive.steps(), exhaustive.config()));
        }
        if (actions > 0) {
            s.append(statistics.table());
        }
        if (reachable != null) {
            s.append(String.format("reachable: %d states x %d calls, %d steps, %s%n", reachable.states(),
                    reachable.alphabetSize(), reachable.steps(), reachable.config()));
        }
        coverageGaps.forEach(g -> s.append("coverage gap: ").append(g).append('\n'));
        if (counterexample != null) {
            s.append('\n').append(counterexample.program());
        }
        if (flakiness != null) {
            s.append('\n').append(flakiness.report());
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
                .append(",\"actions_per_run\":").append(actionsPerRun)
                .append(",\"actions\":").append(actions)
                .append(",\"divergences\":").append(divergences)
                .append(",\"elapsed_ms\":").append(elapsedNanos / 1_000_000)
                .append(",\"actions_per_second\":").append(Math.round(actionsPerSecond))
                .append(",\"statistics\":").append(statistics.toJson())
                .append(",\"coverage_gaps\":[");
        for (int i = 0; i < coverageGaps.size(); i++) {
            s.append(i == 0 ? "" : ",").append(Json.quote(coverageGaps.get(i)));
        }
        s.append("],\"exhaustive\":").append(exhaustiveJson());
        s.append(",\"reachable\":").append(reachable == null ? "null"
                : "{\"states\":" + reachable.states() + ",\"alphabet\":" + reachable.alphabetSize()
                        + ",\"steps\":" + reachable.steps() + ",\"config\":" + Json.quote(reachable.config().toString()) + "}");
        s.append(",\"counterexample\":").append(counterexampleJson());
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

    private String counterexampleJson() {
        if (counterexample == null) {
            return "null";
        }
        return "{\"violation\":" + Json.quote(counterexample.violation().id())
                + ",\"message\":" + Json.quote(counterexample.violation().message())
                + ",\"origin\":" + Json.quote(counterexample.origin())
                + ",\"length\":" + counterexample.length()
                + ",\"original_length\":" + counterexample.originalLength()
                + ",\"program\":" + Json.quote(counterexample.program())
                + ",\"trace\":" + Json.quote(counterexample.trace())
                + ",\"junit\":" + Json.quote(counterexample.junit()) + "}";
    }
}
