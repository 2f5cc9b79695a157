package io.guestram.conformance.bounded;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.explorer.ProgressListener;
import io.guestram.conformance.action.Action;
import io.guestram.explorer.Explorer;
import io.guestram.explorer.ModelConfig;
import io.guestram.conformance.run.Checks;
import io.guestram.conformance.run.Statistics;
import io.guestram.conformance.run.StepRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call from every reachable state: the explorer (io.guestram.explorer)
 * enumerates the model's reachable states breadth-first with a shortest call path to each;
 * for each distinct memory map, its path is replayed on the implementation in lockstep and then
 * every call with arguments in {@code 0..limit} is tried from there. Unlike a depth bound this
 * reaches every state of the small configuration, however deep.
 */
public final class ReachableStates {

    private ReachableStates() {}

    /** What was covered, and the first failure (null when every call from every state passed). */
    public record Result(Config config, int states, int alphabetSize, long steps, StepRecord failure,
                         List<Action> failingActions) {

        public boolean failed() {
            return failure != null;
        }
    }

    public static Result check(Config config, ImplementationFactory factory, Checks checks,
                               Statistics statistics, ProgressListener progress) {
        Map<List<Piece>, List<Action>> paths = shortestPathPerMap(config);
        List<Action> alphabet = BoundedExhaustive.alphabet(config);
        PrefixRunner runner = new PrefixRunner(config, factory, checks, statistics);
        int done = 0;
        for (List<Action> path : paths.values()) {
            for (Action action : alphabet) {
                StepRecord r = runner.runAfter(path, action);
                if (r.failed()) {
                    return new Result(config, paths.size(), alphabet.size(), runner.steps(), r, runner.executed());
                }
            }
            progress.progress("reachable", ++done, paths.size());
        }
        return new Result(config, paths.size(), alphabet.size(), runner.steps(), null, List.of());
    }

    /** One shortest path to each distinct memory map (the explorer's states also record the last call). */
    private static Map<List<Piece>, List<Action>> shortestPathPerMap(Config config) {
        Map<List<Piece>, List<Action>> paths = new LinkedHashMap<>();
        new Explorer(new ModelConfig("conformance", config, List.of(), List.of())).forEachReachable((path, state) ->
                paths.putIfAbsent(state.model().memoryMap(), path.stream().map(Action::of).toList()));
        return paths;
    }
}
