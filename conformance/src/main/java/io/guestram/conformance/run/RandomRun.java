package io.guestram.conformance.run;

import io.guestram.Config;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.ActionKind;
import io.guestram.conformance.action.Generation;
import io.guestram.conformance.action.Phase;
import io.guestram.conformance.action.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One random run: each step's action is generated from the model's state, run in lockstep and
 * checked, until a violation or {@code length} steps. The seed alone determines the actions.
 */
public final class RandomRun {

    private RandomRun() {}

    /** The actions run, and the failing step if the run ended on a violation. */
    public record Report(List<Action> actions, StepRecord failure) {

        public boolean failed() {
            return failure != null;
        }
    }

    public static Report run(Config config, ImplementationFactory factory, Checks checks, Weights weights,
                             long seed, int length, Statistics statistics) {
        SplittableRandom random = new SplittableRandom(seed);
        Lockstep lockstep = new Lockstep(config, factory, checks);
        List<Action> actions = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            Generation g = new Generation(random, config, lockstep.modelMap(), Phase.of(i));
            ActionKind kind = weights.pick(g);
            Action action = kind.generate(g);
            actions.add(action);
            StepRecord step = lockstep.step(action);
            statistics.record(step);
            if (step.failed()) {
                return new Report(actions, step);
            }
        }
        return new Report(actions, null);
    }
}
