package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.Weights;
import io.guestram.conformance.bounded.BoundedExhaustive;
import io.guestram.conformance.bounded.ReachableStates;
import io.guestram.conformance.report.ReportWriter;
import io.guestram.conformance.run.Checks;
import io.guestram.conformance.run.RandomRun;
import io.guestram.conformance.run.Shrinker;
import io.guestram.conformance.run.Statistics;
import io.guestram.conformance.run.StepRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A conformance campaign: {@code runs} random runs of {@code actions} steps each against the
 * model, then optionally every sequence up to {@code depth}, and every call from every reachable
 * state, on a small configuration. The first
 * divergence is shrunk to a minimal counterexample, unless replays show the implementation
 * nondeterministic: then it is reported as {@link Flakiness}. The seed determines everything:
 * <pre>
 * ConformanceResult r = Campaign.of(Config.defaults(Profile.SPEC), MyRam::new).seed(42).runs(100).run();
 * </pre>
 */
public final class Campaign {

    /** The system property that fixes the seed, to replay a run exactly. */
    public static final String SEED_PROPERTY = "guestram.seed";

    private final Config config;
    private final ImplementationFactory factory;
    private String implementation = "implementation";
    private long seed = seedFromPropertyOrRandom();
    private int actions = 200;
    private int runs = 100;
    private int depth;
    private boolean reachable;
    private Config boundedConfig;
    private Path reportDir;
    private Weights weights = Weights.defaults();
    private Checks checks;
    private ProgressListener progress = ProgressListener.NONE;
    private boolean coverageGate = true;
    private int maxShrinkReplays = 20_000;
    private int confirmations = 5;
    private Counterexample counterexample;
    private Flakiness flakiness;

    private Campaign(Config config, ImplementationFactory factory) {
        this.config = config;
        this.factory = factory;
        this.checks = Checks.forProfile(config.profile());
    }

    public static Campaign of(Config config, ImplementationFactory factory) {
        return new Campaign(config, factory);
    }

    /** The seed in {@value #SEED_PROPERTY} if set, else a fresh random one. */
    public static long seedFromPropertyOrRandom() {
        String fixed = System.getProperty(SEED_PROPERTY);
        return fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.strip()) : new SecureRandom().nextLong();
    }

    public Campaign named(String name) {
        this.implementation = name;
        return this;
    }

    public Campaign seed(long value) {
        this.seed = value;
        return this;
    }

    /** Steps per random run. */
    public Campaign actions(int value) {
        this.actions = value;
        return this;
    }

    public Campaign runs(int value) {
        this.runs = value;
        return this;
    }

    /** Depth of the bounded exhaustive mode; 0 turns it off. */
    public Campaign depth(int value) {
        this.depth = value;
        return this;
    }

    /** Whether to try every call from every reachable state of the small configuration. */
    public Campaign reachable(boolean value) {
        this.reachable = value;
        return this;
    }

    /** The small configuration for the exhaustive modes; default: the campaign's if small, else {@link BoundedExhaustive#smallConfig}. */
    public Campaign boundedConfig(Config value) {
        this.boundedConfig = value;
        return this;
    }

    public Campaign reportDir(Path value) {
        this.reportDir = value;
        return this;
    }

    public Campaign weights(Weights value) {
        this.weights = value;
        return this;
    }

    public Campaign checks(Checks value) {
        this.checks = value;
        return this;
    }

    public Campaign progress(ProgressListener value) {
        this.progress = value;
        return this;
    }

    /** Whether an action or error code never exercised fails the campaign (default: yes). */
    public Campaign coverageGate(boolean value) {
        this.coverageGate = value;
        return this;
    }

    public Campaign maxShrinkReplays(int value) {
        this.maxShrinkReplays = value;
        return this;
    }

    /** How often a failure, and then its minimal version, is replayed before it is believed (default 5). */
    public Campaign confirmations(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("need at least 1 confirming replay, got " + value);
        }
        this.confirmations = value;
        return this;
    }

    public ConformanceResult run() {
        Statistics statistics = new Statistics();
        SplittableRandom seeds = new SplittableRandom(seed);
        counterexample = null;
        flakiness = null;
        int runsDone = 0;
        long started = System.nanoTime();
        long startedCpu = cpuTime();
        long elapsed = 0;
        long cpu = 0;
        while (runsDone < runs && !failed()) {
            long runSeed = seeds.nextLong();
            RandomRun.Report report = RandomRun.run(config, factory, checks, weights, runSeed, actions, statistics);
            elapsed = System.nanoTime() - started;
            cpu = cpuTime() - startedCpu;
            progress.progress("random", statistics.actions(), (long) runs * actions);
            if (report.failed()) {
                shrink(config, report.actions(), report.failure(), "seed " + seed + " run " + runsDone);
            }
            runsDone++;
        }
        BoundedExhaustive.Result exhaustive = null;
        if (!failed() && depth > 0) {
            exhaustive = new BoundedExhaustive(smallConfig(), factory, checks).explore(depth, new Statistics(), progress);
            if (exhaustive.failed()) {
                shrink(exhaustive.config(), exhaustive.failingActions(), exhaustive.failure(), "exhaustive depth " + depth);
            }
        }
        ReachableStates.Result states = null;
        if (!failed() && reachable) {
            states = ReachableStates.check(smallConfig(), factory, checks, new Statistics(), progress);
            if (states.failed()) {
                shrink(states.config(), states.failingActions(), states.failure(), "reachable states");
            }
        }
        ConformanceResult result = result(statistics, runsDone, elapsed, cpu, exhaustive, states);
        writeReport(result);
        return result;
    }

    private Config smallConfig() {
        if (boundedConfig != null) {
            return boundedConfig;
        }
        return Long.compareUnsigned(config.lastAddress(), 16) < 0 ? config : BoundedExhaustive.smallConfig(config.profile());
    }

    private boolean failed() {
        return counterexample != null || flakiness != null;
    }

    /** Sets the counterexample, or the flakiness if replays disagree. */
    private void shrink(Config where, List<Action> failing, StepRecord failure, String origin) {
        Shrinker.Result shrunk = new Shrinker(where, factory, checks, maxShrinkReplays, confirmations)
                .shrink(failing, failure.violation());
        if (shrunk instanceof Shrinker.Minimal minimal) {
            counterexample = new Counterexample(where, origin, failing.size(), minimal.steps());
        } else {
            Shrinker.Flaky flaky = (Shrinker.Flaky) shrunk;
            flakiness = new Flakiness(where, origin, failure.violation(), failing.size(), flaky.shrunk(), flaky.program(),
                    flaky.reproduced(), flaky.replays());
        }
    }

    /** The running thread's CPU time: throughput on one core, whatever else the machine runs. */
    private static long cpuTime() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private ConformanceResult result(Statistics statistics, int runsDone, long elapsed, long cpu,
                                     BoundedExhaustive.Result exhaustive, ReachableStates.Result states) {
        double perSecond = cpu == 0 ? 0 : statistics.actions() * 1e9 / cpu;
        List<String> gaps = coverageGate && !failed() ? statistics.coverageGaps(weights, config.profile()) : List.of();
        return new ConformanceResult(implementation, config, seed, runsDone, actions, statistics.actions(),
                failed() ? 1 : 0, elapsed, perSecond, statistics, gaps, exhaustive, states, counterexample, flakiness);
    }

    private void writeReport(ConformanceResult result) {
        if (reportDir == null) {
            return;
        }
        try {
            ReportWriter.write(reportDir, result);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + reportDir, e);
        }
    }
}
