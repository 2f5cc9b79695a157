package io.guestram.conformance.run;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.Generation;
import io.guestram.conformance.action.Phase;
import io.guestram.conformance.action.RegisterAction;
import io.guestram.conformance.action.RegisterAtAction;
import io.guestram.conformance.action.Situation;
import io.guestram.conformance.action.Weights;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * One random run: each step's action is generated from the model's state, run in lockstep and
 * checked, until a violation or {@code length} steps. The seed alone determines the actions.
 * Some steps are aimed ({@link Aim}) at a {@link Situation}: the least covered so far, or one
 * fixed situation (a fragmenting run aims at many pieces).
 */
public final class RandomRun {

    /** The situations generation can aim at (a long history comes from long runs instead). */
    public static final Set<Situation> AIMABLE = EnumSet.complementOf(EnumSet.of(Situation.LONG_HISTORY));

    private RandomRun() {}

    /** Aim {@code percent} of the steps at {@code only}, or at the least covered situation if null. */
    public record Aim(int percent, Situation only) {
        public static final Aim DEFAULT = new Aim(10, null);
    }

    /** The actions run, and the failing step if the run ended on a violation. */
    public record Report(List<Action> actions, StepRecord failure) {

        public boolean failed() {
            return failure != null;
        }
    }

    public static Report run(Config config, ImplementationFactory factory, Checks checks, Weights weights,
                             long seed, int length, Statistics statistics) {
        return run(config, factory, checks, weights, seed, length, statistics, Aim.DEFAULT);
    }

    public static Report run(Config config, ImplementationFactory factory, Checks checks, Weights weights,
                             long seed, int length, Statistics statistics, Aim aim) {
        SplittableRandom random = new SplittableRandom(seed);
        Statistics atStart = statistics.copy();
        Lockstep lockstep = new Lockstep(config, factory, checks);
        List<Action> actions = new ArrayList<>(length);
        NavigableSet<Long> starts = new TreeSet<>(Long::compareUnsigned);
        for (int i = 0; i < length; i++) {
            Generation g = new Generation(random, config, lockstep.modelMap(), Phase.of(i));
            Action action = aimed(g, aim, statistics, weights, starts);
            if (action == null) {
                action = weights.pick(g).generate(g);
            }
            actions.add(action);
            // The last step checks everything: what a spread-out check would find is found in the run.
            StepRecord step = lockstep.step(action, i < length - 1);
            account(config, step, i, statistics, starts);
            if (step.failed()) {
                return lockstep.skippedAny() ? firstFailure(config, factory, checks, actions, step, statistics, atStart)
                        : new Report(actions, step);
            }
        }
        return new Report(actions, null);
    }

    private static void account(Config config, StepRecord step, int index, Statistics statistics, NavigableSet<Long> starts) {
        statistics.record(step);
        for (Situation x : Situation.reachedBy(config, step.action(), step.model(), step.modelBefore(), step.modelAfter(),
                starts, index)) {
            statistics.reached(x);
        }
        if (!step.failed()) {
            remember(step, starts);
        }
    }

    /**
     * The run's first violation, found by replaying it with every check on every step: the run
     * left some out, so the violation seen may be later than the first. The run ends there, as if
     * every check had run; statistics are counted again up to it. If the replay does not fail
     * (an implementation that does not repeat itself), the violation seen stands.
     */
    private static Report firstFailure(Config config, ImplementationFactory factory, Checks checks, List<Action> actions,
                                       StepRecord seen, Statistics statistics, Statistics atStart) {
        List<StepRecord> replayed = Lockstep.replay(config, factory, checks, actions);
        StepRecord first = replayed.get(replayed.size() - 1);
        if (!first.failed()) {
            return new Report(actions, seen);
        }
        statistics.restore(atStart);
        NavigableSet<Long> starts = new TreeSet<>(Long::compareUnsigned);
        for (int i = 0; i < replayed.size(); i++) {
            account(config, replayed.get(i), i, statistics, starts);
        }
        return new Report(List.copyOf(actions.subList(0, replayed.size())), first);
    }

    private static Action aimed(Generation g, Aim aim, Statistics statistics, Weights weights, NavigableSet<Long> starts) {
        if (aim.percent() == 0 || g.config().profile() == Profile.SEL4 || !g.chance(aim.percent())) {
            return null; // profile sel4: situations are counted, not aimed at (its model's walks are unbounded)
        }
        Situation target = aim.only() != null ? aim.only() : statistics.leastCovered(AIMABLE);
        Action action = target.aim(g, starts);
        return action == null || weights.of(action.kind()) == 0 ? null : action;
    }

    /** Where successful registrations began: fits spanning two of them are a situation. */
    private static void remember(StepRecord step, NavigableSet<Long> starts) {
        if (!step.model().isOk()) {
            return;
        }
        if (step.action() instanceof RegisterAtAction r) {
            starts.add(r.start());
            if (r.size() != 0 && U64.atMost(r.size() - 1, U64.MAX - r.start()) && r.start() + r.size() != 0) {
                starts.add(r.start() + r.size());
            }
        } else if (step.action() instanceof RegisterAction r) {
            long at = step.model().values().get(0);
            starts.add(at);
            if (at + r.size() != 0) {
                starts.add(at + r.size());
            }
        }
    }
}
