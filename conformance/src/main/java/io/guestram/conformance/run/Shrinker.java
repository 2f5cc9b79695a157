package io.guestram.conformance.run;

import io.guestram.Config;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * Reduces a failing sequence to a minimal one that still breaks the same property on the same
 * side: first deletes steps (delta debugging, halving chunks down to single steps), then
 * simplifies each step's arguments toward small, aligned values, and repeats both until neither
 * helps. Every candidate is replayed on a fresh model and implementation.
 */
public final class Shrinker {

    private final Config config;
    private final ImplementationFactory factory;
    private final Checks checks;
    private final int maxReplays;
    private int replays;

    public Shrinker(Config config, ImplementationFactory factory, Checks checks, int maxReplays) {
        this.config = config;
        this.factory = factory;
        this.checks = checks;
        this.maxReplays = maxReplays;
    }

    /** How many replays the last {@link #shrink} made. */
    public int replays() {
        return replays;
    }

    public List<Action> shrink(List<Action> failing, Violation violation) {
        replays = 0;
        String target = violation.id();
        List<Action> current = failsSame(failing, target);
        if (current == null) {
            throw new IllegalStateException("the failing sequence does not fail again: is the implementation deterministic?");
        }
        List<Action> previous;
        do {
            previous = current;
            current = deleteSteps(current, target);
            current = simplifyArguments(current, target);
        } while (!current.equals(previous) && replays < maxReplays);
        return current;
    }

    /** Delta debugging: remove chunks of size n/2, n/4, ... 1; after a success, retry coarser. */
    private List<Action> deleteSteps(List<Action> steps, String target) {
        int granularity = 2;
        while (steps.size() >= 2 && replays < maxReplays) {
            int chunk = (steps.size() + granularity - 1) / granularity;
            List<Action> reduced = firstFailingDeletion(steps, chunk, target);
            if (reduced != null) {
                steps = reduced;
                granularity = Math.max(granularity - 1, 2);
            } else if (chunk == 1) {
                break;
            } else {
                granularity = Math.min(granularity * 2, steps.size());
            }
        }
        return steps;
    }

    private List<Action> firstFailingDeletion(List<Action> steps, int chunk, String target) {
        for (int from = 0; from < steps.size() && replays < maxReplays; from += chunk) {
            List<Action> candidate = new ArrayList<>(steps.subList(0, from));
            candidate.addAll(steps.subList(Math.min(from + chunk, steps.size()), steps.size()));
            List<Action> kept = failsSame(candidate, target);
            if (kept != null) {
                return kept;
            }
        }
        return null;
    }

    /** Replaces each step by its first simpler variant that still fails, as long as one does. */
    private List<Action> simplifyArguments(List<Action> steps, String target) {
        for (int i = 0; i < steps.size() && replays < maxReplays; i++) {
            boolean simplified = true;
            while (simplified && i < steps.size()) {
                simplified = false;
                for (Action simpler : steps.get(i).simplifications(config.pageSize())) {
                    List<Action> candidate = new ArrayList<>(steps);
                    candidate.set(i, simpler);
                    List<Action> kept = failsSame(candidate, target);
                    if (kept != null) {
                        steps = kept;
                        simplified = true;
                        break;
                    }
                    if (replays >= maxReplays) {
                        return steps;
                    }
                }
            }
        }
        return steps;
    }

    /** The candidate cut after its failing step if it breaks {@code target}, else null. */
    private List<Action> failsSame(List<Action> candidate, String target) {
        if (candidate.isEmpty()) {
            return null;
        }
        replays++;
        StepRecord failure = Lockstep.firstFailure(config, factory, checks, candidate);
        if (failure == null || !failure.violation().id().equals(target)) {
            return null;
        }
        return List.copyOf(candidate.subList(0, failure.number()));
    }
}
