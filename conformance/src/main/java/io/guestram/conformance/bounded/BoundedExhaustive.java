package io.guestram.conformance.bounded;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.ProgressListener;
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
import io.guestram.conformance.run.Lockstep;
import io.guestram.conformance.run.StepRecord;
import io.guestram.conformance.run.Statistics;
import java.util.ArrayList;
import java.util.List;

/**
 * Every sequence of calls up to a depth, with every argument in {@code 0..limit}, run in lockstep
 * on a small configuration. Depth-first; the instances are rebuilt by replaying the prefix,
 * except after a leaf call that was observably a no-op (rejected, or a successful query): then
 * the next sibling runs on the same instances, which checks the sequence with that no-op
 * inserted, a superset of the plain one.
 */
public final class BoundedExhaustive {

    /** The largest limit for which the alphabet stays enumerable. */
    public static final long MAX_LIMIT = 64;

    private final Config config;
    private final ImplementationFactory factory;
    private final Checks checks;
    private final List<Action> alphabet;
    private Lockstep current;
    private List<Action> executed;
    private boolean clean;
    private long steps;
    private long sequences;
    private StepRecord failure;
    private Statistics statistics;
    private ProgressListener progress;
    private long expectedSteps;

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
        this.statistics = statistics;
        this.progress = progress;
        this.expectedSteps = 0;
        long level = 1;
        for (int d = 1; d <= depth; d++) {
            level *= alphabet.size();
            expectedSteps += level;
        }
        current = new Lockstep(config, factory, checks);
        executed = new ArrayList<>();
        clean = true;
        explore(new ArrayList<>(), depth);
        return new Result(config, depth, alphabet.size(), sequences, steps, failure,
                failure == null ? List.of() : List.copyOf(executed));
    }

    /** Runs every action after {@code prefix}; false once a step failed. */
    private boolean explore(List<Action> prefix, int depthLeft) {
        for (Action action : alphabet) {
            if (!clean && !restore(prefix)) {
                return false;
            }
            if (!step(action)) {
                return false;
            }
            if (depthLeft > 1) {
                prefix.add(action);
                clean = true;
                boolean passed = explore(prefix, depthLeft - 1);
                prefix.remove(prefix.size() - 1);
                if (!passed) {
                    return false;
                }
                clean = false;
            } else {
                sequences++;
            }
        }
        return true;
    }

    /** Runs one action on the current instances; marks them dirty unless it was a no-op. */
    private boolean step(Action action) {
        StepRecord r = current.step(action);
        executed.add(action);
        statistics.record(r);
        if (++steps % 100_000 == 0) {
            progress.progress("exhaustive", steps, expectedSteps);
        }
        if (r.failed()) {
            failure = r;
            return false;
        }
        clean = !r.model().isOk() || action.kind().isQuery();
        return true;
    }

    /** Fresh instances at {@code prefix}. */
    private boolean restore(List<Action> prefix) {
        current = new Lockstep(config, factory, checks);
        executed = new ArrayList<>();
        for (Action a : prefix) {
            StepRecord r = current.step(a);
            executed.add(a);
            if (r.failed()) {
                failure = r;
                return false;
            }
        }
        clean = true;
        return true;
    }
}
