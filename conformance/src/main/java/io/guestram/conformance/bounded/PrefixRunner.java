package io.guestram.conformance.bounded;

import io.guestram.Config;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.run.Checks;
import io.guestram.conformance.run.Lockstep;
import io.guestram.conformance.run.Statistics;
import io.guestram.conformance.run.StepRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs actions after given prefixes on a model and an implementation in lockstep, replaying a
 * prefix on fresh instances only when they are not already there. After an action that was
 * observably a no-op (rejected, or a successful query) the instances count as being at the
 * prefix still, so the next action runs after the prefix plus that no-op: a superset of the
 * plain sequence, and much cheaper. {@link #executed()} is what the instances really ran.
 */
final class PrefixRunner {

    private final Config config;
    private final ImplementationFactory factory;
    private final Checks checks;
    private final Statistics statistics;
    private Lockstep current;
    private List<Action> executed = new ArrayList<>();
    /** Where the instances observably are; {@code alsoAt} is the same place reached with a trailing no-op. */
    private List<Action> position;
    private List<Action> alsoAt;
    private long steps;

    PrefixRunner(Config config, ImplementationFactory factory, Checks checks, Statistics statistics) {
        this.config = config;
        this.factory = factory;
        this.checks = checks;
        this.statistics = statistics;
    }

    long steps() {
        return steps;
    }

    /** What the current instances ran, in order: the sequence to shrink if a step failed. */
    List<Action> executed() {
        return List.copyOf(executed);
    }

    /** Runs {@code action} after {@code prefix}; the record of whichever step ran last (failed or not). */
    StepRecord runAfter(List<Action> prefix, Action action) {
        if (!prefix.equals(position) && !prefix.equals(alsoAt)) {
            StepRecord failed = rebuild(prefix);
            if (failed != null) {
                return failed;
            }
        }
        StepRecord r = run(action);
        List<Action> after = new ArrayList<>(prefix);
        after.add(action);
        boolean noOp = !r.model().isOk() || action.kind().isQuery();
        position = noOp ? List.copyOf(prefix) : after;
        alsoAt = noOp ? after : null;
        return r;
    }

    private StepRecord rebuild(List<Action> prefix) {
        current = new Lockstep(config, factory, checks);
        executed = new ArrayList<>();
        position = List.copyOf(prefix);
        alsoAt = null;
        for (Action a : prefix) {
            StepRecord r = run(a);
            if (r.failed()) {
                return r;
            }
        }
        return null;
    }

    private StepRecord run(Action action) {
        StepRecord r = current.step(action);
        executed.add(action);
        statistics.record(r);
        steps++;
        return r;
    }
}
