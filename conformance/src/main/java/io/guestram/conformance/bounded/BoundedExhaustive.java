package io.guestram.conformance.bounded;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.explorer.ProgressListener;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.AllocateAction;
import io.guestram.conformance.action.FreeAction;
import io.guestram.conformance.action.LargestAction;
import io.guestram.conformance.action.MarkAllocatedAction;
import io.guestram.conformance.action.ReadAction;
import io.guestram.conformance.action.RegisterAction;
import io.guestram.conformance.action.RegisterAtAction;
import io.guestram.conformance.action.TouchAction;
import io.guestram.conformance.action.WriteAction;
import io.guestram.conformance.run.Checks;
import io.guestram.conformance.run.Statistics;
import io.guestram.conformance.run.StepRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Every sequence of calls up to a depth, with every argument in {@code 0..limit}, run in lockstep
 * on a small configuration, depth-first; {@link PrefixRunner} replays prefixes only when needed.
 */
public final class BoundedExhaustive {

    /** The largest limit for which the alphabet stays enumerable. */
    public static final long MAX_LIMIT = 64;

    private final Config config;
    private final ImplementationFactory factory;
    private final Checks checks;
    private final List<Action> alphabet;
    private PrefixRunner runner;
    private long sequences;
    private StepRecord failure;
    private ProgressListener progress;
    private long expectedSteps;
    private long nextReport;

    /** What the exploration covered, and its first failure (null when every sequence passed). */
    public record Result(Config config, int depth, int alphabetSize, long sequences, long steps,
                         StepRecord failure, List<Action> failingActions) {

        public boolean failed() {
            return failure != null;
        }
    }

    public BoundedExhaustive(Config config, ImplementationFactory factory, Checks checks) {
        if (Long.compareUnsigned(config.lastAddress(), MAX_LIMIT) >= 0) {
            throw new IllegalArgumentException("bounded exhaustive mode needs a limit of at most "
                    + MAX_LIMIT + ", not " + config);
        }
        this.config = config;
        this.factory = factory;
        this.checks = checks;
        this.alphabet = alphabet(config);
    }

    /** Four addresses, pages of two, two windows: register can fail with space left. */
    public static Config smallConfig(Profile profile) {
        return Config.bounded(profile, 4, 2, List.of(Window.of(0, 2), Window.of(2, 4)));
    }

    /** Every call with every start and size in {@code 0..limit}; writes carry bytes 1, 2, 3... */
    public static List<Action> alphabet(Config config) {
        long limit = config.lastAddress() + 1;
        List<Action> all = new ArrayList<>();
        for (long n = 0; n <= limit; n++) {
            all.add(new RegisterAction(n));
            all.add(new AllocateAction(n));
        }
        all.add(new LargestAction());
        for (long s = 0; s <= limit; s++) {
            for (long n = 0; n <= limit; n++) {
                all.add(new RegisterAtAction(s, n, false));
                all.add(new RegisterAtAction(s, n, true));
                all.add(new MarkAllocatedAction(s, n));
                all.add(new FreeAction(s, n));
                all.add(new TouchAction(s, n, 0, 0));
                all.add(new TouchAction(s, n, 1, 1));
                all.add(new ReadAction(s, (int) n));
                all.add(new WriteAction(s, pattern((int) n)));
            }
        }
        return List.copyOf(all);
    }

    private static String pattern(int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 1; i <= length; i++) {
            hex.append(String.format("%02x", i));
        }
        return hex.toString();
    }

    public Result explore(int depth, Statistics statistics, ProgressListener progress) {
        this.progress = progress;
        this.expectedSteps = 0;
        long level = 1;
        for (int d = 1; d <= depth; d++) {
            level *= alphabet.size();
            expectedSteps += level;
        }
        nextReport = 100_000;
        runner = new PrefixRunner(config, factory, checks, statistics);
        sequences = 0;
        failure = null;
        explore(new ArrayList<>(), depth);
        return new Result(config, depth, alphabet.size(), sequences, runner.steps(), failure,
                failure == null ? List.of() : runner.executed());
    }

    /** Runs every action after {@code prefix}, then every longer sequence; false once a step failed. */
    private boolean explore(List<Action> prefix, int depthLeft) {
        for (Action action : alphabet) {
            StepRecord r = runner.runAfter(prefix, action);
            if (runner.steps() >= nextReport) {
                progress.progress("exhaustive", runner.steps(), expectedSteps);
                nextReport += 100_000;
            }
            if (r.failed()) {
                failure = r;
                return false;
            }
            if (depthLeft == 1) {
                sequences++;
                continue;
            }
            prefix.add(action);
            boolean passed = explore(prefix, depthLeft - 1);
            prefix.remove(prefix.size() - 1);
            if (!passed) {
                return false;
            }
        }
        return true;
    }
}
