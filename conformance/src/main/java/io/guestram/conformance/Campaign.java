package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.ConfigurationRefusedException;
import io.guestram.Profile;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.Situation;
import io.guestram.conformance.action.Weights;
import io.guestram.conformance.bounded.BoundedExhaustive;
import io.guestram.conformance.bounded.ReachableStates;
import io.guestram.conformance.report.ReportWriter;
import io.guestram.conformance.run.Checks;
import io.guestram.conformance.run.RandomRun;
import io.guestram.conformance.run.Shrinker;
import io.guestram.conformance.run.Signature;
import io.guestram.conformance.run.Statistics;
import io.guestram.conformance.run.StepRecord;
import io.guestram.explorer.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A conformance campaign: {@code runs} random runs of {@code actions} steps each against the
 * model, rotating through {@link #configurations} run by run (one run in ten fragments toward many
 * pieces, or the share set by {@link #fragmenting}; one in twenty is five times longer), then optionally every sequence up to
 * {@code depth}, and every call from every reachable state, on a small configuration. Each
 * distinct bug (failure {@link Signature}) is shrunk to its own minimal counterexample and the
 * search goes on; a run that fails with a signature already known does not count, so other bugs
 * still get their runs (at most {@code 3 * runs} are tried). A configuration the implementation
 * refuses is skipped. Replays that show the implementation nondeterministic end the campaign
 * with {@link Flakiness}. The seed determines everything:
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
    private int maxBugs = 8;
    private int fragmenting = 10;
    private List<Configurations.Named> configurations;
    private final List<Counterexample> bugs = new CopyOnWriteArrayList<>();
    private final Map<String, ConfigTally> tallies = new LinkedHashMap<>();
    private int knownRepeats;
    private boolean lengthsOver;
    private volatile Flakiness flakiness;
    private volatile Live live;

    /** Situations are gated only in campaigns of at least this many actions: smaller ones are tests and quick looks. */
    public static final long SITUATION_GATE_ACTIONS = 10_000;

    /** The campaign's state while it runs, for {@link #resultSoFar}. */
    private record Live(Statistics statistics, long started, long startedCpu) {}

    /** Runs, actions and fragmentation per configuration, and why it was refused, if it was. */
    private static final class ConfigTally {
        final Configurations.Named named;
        int runs;
        long actions;
        int maxPieces;
        volatile String refused;

        ConfigTally(Configurations.Named named) {
            this.named = named;
        }

        void record(Statistics run) {
            runs++;
            actions += run.actions();
            maxPieces = Math.max(maxPieces, run.maxPieces());
        }
    }

    private Campaign(Config config, ImplementationFactory factory) {
        this.config = config;
        this.factory = factory;
        this.checks = Checks.forProfile(config.profile());
        this.configurations = List.of(new Configurations.Named("given", config));
    }

    /** A campaign over the default rotation of {@code profile}'s configurations ({@link Configurations#rotation}). */
    public static Campaign rotating(Profile profile, ImplementationFactory factory) {
        List<Configurations.Named> rotation = Configurations.rotation(profile);
        return new Campaign(rotation.get(0).config(), factory).configurations(rotation);
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

    /**
     * The configurations to rotate through, run by run (default: the one given to {@link #of}).
     * {@link Configurations#rotation} is the default rotation of a profile.
     */
    public Campaign configurations(List<Configurations.Named> value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("need at least one configuration");
        }
        this.configurations = List.copyOf(value);
        return this;
    }

    /**
     * The share of runs, in percent, that fragment: aim 60% of their steps at many pieces, so
     * that their pieces grow about one per step (default 10: runs 5, 15, 25, ...; 100: every run).
     */
    public Campaign fragmenting(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("need a share of fragmenting runs between 0 and 100 percent, got " + percent);
        }
        this.fragmenting = percent;
        return this;
    }

    /** How many distinct bugs (failure signatures) to find and shrink before stopping (default 8). */
    public Campaign maxBugs(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("need at least 1 bug to look for, got " + value);
        }
        this.maxBugs = value;
        return this;
    }

    public ConformanceResult run() {
        Statistics statistics = new Statistics();
        SplittableRandom seeds = new SplittableRandom(seed);
        bugs.clear();
        flakiness = null;
        tallies.clear();
        configurations.forEach(n -> tallies.put(n.name(), new ConfigTally(n)));
        Set<Signature> known = new HashSet<>();
        int runsDone = 0;
        int attempts = 0;
        long started = System.nanoTime();
        long startedCpu = cpuTime();
        live = new Live(statistics, started, startedCpu);
        while (runsDone < runs && attempts < 3 * runs && flakiness == null && bugs.size() < maxBugs) {
            ConfigTally tally = nextConfiguration(attempts);
            if (tally == null) {
                break; // every configuration refused
            }
            long runSeed = seeds.nextLong();
            int index = attempts++;
            int length = index % 20 == 10 ? Math.max(5 * actions, Situation.LONG + 100) : actions;
            RandomRun.Aim aim = fragments(index) ? new RandomRun.Aim(60, Situation.MANY_PIECES) : RandomRun.Aim.DEFAULT;
            Statistics here = new Statistics();
            RandomRun.Report report;
            try {
                report = RandomRun.run(tally.named.config(), factory, checks, weights, runSeed, length, here, aim);
            } catch (ConfigurationRefusedException e) {
                tally.refused = e.getMessage();
                continue;
            }
            statistics.add(here);
            tally.record(here);
            progress.progress("random", statistics.actions(), (long) runs * actions);
            if (report.failed() && !known.add(Signature.of(report.failure()))) {
                knownRepeats++;
                continue; // a bug already found: this run does not count, the next may find another
            }
            if (report.failed()) {
                shrink(tally.named.config(), report.actions(), report.failure(),
                        "seed " + seed + " run " + index + " (" + tally.named.name() + ")");
            }
            runsDone++;
            lengthsOver = lengthsOver || length > Situation.LONG;
        }
        long elapsed = System.nanoTime() - started;
        long cpu = cpuTime() - startedCpu;
        BoundedExhaustive.Result exhaustive = null;
        if (bugs.isEmpty() && flakiness == null && depth > 0) {
            exhaustive = new BoundedExhaustive(smallConfig(), factory, checks).explore(depth, new Statistics(), progress);
            if (exhaustive.failed()) {
                shrink(exhaustive.config(), exhaustive.failingActions(), exhaustive.failure(), "exhaustive depth " + depth);
            }
        }
        ReachableStates.Result states = null;
        if (bugs.isEmpty() && flakiness == null && reachable) {
            states = ReachableStates.check(smallConfig(), factory, checks, new Statistics(), progress);
            if (states.failed()) {
                shrink(states.config(), states.failingActions(), states.failure(), "reachable states");
            }
        }
        ConformanceResult result = result(statistics, runsDone, elapsed, cpu, exhaustive, states);
        live = null;
        writeReport(result);
        return result;
    }

    /** Whether run {@code index} fragments: spread evenly, at 10% exactly runs 5, 15, 25, ... */
    private boolean fragments(int index) {
        return (index + 5L) * fragmenting / 100 != (index + 4L) * fragmenting / 100;
    }

    /** The configuration of the next run: round robin over those not refused; null if all were. */
    private ConfigTally nextConfiguration(int attempt) {
        List<ConfigTally> open = tallies.values().stream().filter(t -> t.refused == null).toList();
        return open.isEmpty() ? null : open.get(attempt % open.size());
    }

    /**
     * What the campaign has found so far, as a result, for a caller that must report before the
     * campaign ends (a timeout or Ctrl-C stops the process): null before {@link #run} starts or
     * after it returned. Safe to call from another thread; counts may be a step behind.
     */
    public ConformanceResult resultSoFar() {
        Live l = live;
        if (l == null) {
            return null;
        }
        return result(l.statistics, -1, System.nanoTime() - l.started, cpuTime() - l.startedCpu, null, null);
    }

    private Config smallConfig() {
        if (boundedConfig != null) {
            return boundedConfig;
        }
        return Long.compareUnsigned(config.lastAddress(), 16) < 0 ? config : BoundedExhaustive.smallConfig(config.profile());
    }

    /** Adds the counterexample, or sets the flakiness if replays disagree. */
    private void shrink(Config where, List<Action> failing, StepRecord failure, String origin) {
        Shrinker.Result shrunk = new Shrinker(where, factory, checks, maxShrinkReplays, confirmations)
                .shrink(failing, failure);
        if (shrunk instanceof Shrinker.Minimal minimal) {
            bugs.add(new Counterexample(where, origin, failing.size(), minimal.steps()));
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
        List<Counterexample> found = List.copyOf(bugs);
        List<String> gaps = new ArrayList<>();
        List<ConformanceResult.ConfigurationRuns> perConfiguration = new ArrayList<>();
        for (ConfigTally t : tallies.values()) {
            perConfiguration.add(new ConformanceResult.ConfigurationRuns(t.named.name(), t.named.config(), t.runs,
                    t.actions, t.maxPieces, t.refused));
        }
        if (perConfiguration.stream().allMatch(c -> c.refused() != null)) {
            gaps.add("the implementation refused every configuration");
        }
        if (coverageGate && found.isEmpty() && flakiness == null) {
            gaps.addAll(statistics.coverageGaps(weights, config.profile()));
            if (statistics.actions() >= SITUATION_GATE_ACTIONS && config.profile() == Profile.SPEC) {
                Set<Situation> gated = EnumSet.copyOf(RandomRun.AIMABLE);
                if (lengthsOver) {
                    gated.add(Situation.LONG_HISTORY);
                }
                if (Long.compareUnsigned(config.lastAddress(), 4L * Situation.MANY - 1) < 0) {
                    // Under 4 addresses a piece on average: random runs of a small space reach it by
                    // luck (a 256-byte space stopped at 98 pieces on one seed in seven), so it is no gap.
                    gated.remove(Situation.MANY_PIECES);
                }
                gaps.addAll(statistics.situationGaps(gated));
            }
        }
        return new ConformanceResult(implementation, config, seed, runsDone, actions, statistics.actions(),
                found.size() + (flakiness == null ? 0 : 1), elapsed, perSecond, statistics, gaps, exhaustive, states,
                found, perConfiguration, knownRepeats, flakiness);
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
