package io.guestram.conformance.explore;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.call.Call;
import io.guestram.conformance.ProgressListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Breadth-first model checking of a reference model under a TLC configuration: every state of
 * the profile's spec (spec/GuestRam.tla, spec/GuestRamSel4.tla) reachable within the
 * configuration's bounds, found by applying every call with every argument of the spec's
 * {@code Next} to the model. It counts what TLC counts
 * (distinct states, states generated, depth) and checks the configuration's invariants and
 * properties; a violation comes with the shortest call sequence that reaches it.
 *
 * <p>Successors depend only on the model, not on {@code last}, so they are computed once per
 * model and shared by every state with that model.
 */
public final class Explorer {

    private final ModelConfig modelConfig;
    private final Config config;
    private final Semantics semantics;
    private final List<Named<Semantics.StateCheck>> invariants = new ArrayList<>();
    private final List<Named<Semantics.StepCheck>> properties = new ArrayList<>();

    private record Named<T>(String name, T check) {}

    /** One step out of a model: the state it leads to and that state's canonical text. */
    private record Step(ExploredState state, String key) {}

    public Explorer(ModelConfig modelConfig) {
        this.modelConfig = modelConfig;
        this.config = modelConfig.config();
        if (config.lastAddress() > 61) {
            throw new ConfigException(modelConfig.name() + ": the explorer handles Limit up to 62");
        }
        this.semantics = Semantics.of(config);
        for (String name : modelConfig.invariants()) {
            invariants.add(new Named<>(name, semantics.invariant(name).orElseThrow(
                    () -> new ConfigException(modelConfig.name() + ": the explorer has no check for invariant " + name))));
        }
        for (String name : modelConfig.properties()) {
            properties.add(new Named<>(name, semantics.property(name).orElseThrow(
                    () -> new ConfigException(modelConfig.name() + ": the explorer has no check for property " + name))));
        }
    }

    /** Explores every reachable state; stops at the first violated invariant or property. */
    public Exploration run() {
        return run(ProgressListener.NONE);
    }

    /** As {@link #run()}, telling {@code progress} the distinct states found so far (total unknown: 0). */
    public Exploration run(ProgressListener progress) {
        long started = System.nanoTime();
        Violation[] violation = {check(initial(), null, List.of())};
        Search search = new Search();
        if (violation[0] == null) {
            String phase = "explore " + modelConfig.name() + ", distinct states";
            search.run((path, state, before) -> {
                violation[0] = check(state, before, path);
                if ((search.states.size() & 0xfff) == 0) {
                    progress.progress(phase, search.states.size(), 0);
                }
                return violation[0] == null;
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Exploration(modelConfig.name(), search.states.size(), search.generated, search.depth,
                violation[0] == null ? List.of() : List.of(violation[0]), seconds);
    }

    /** The canonical text of every reachable state: the set TLC's dump must equal. */
    public Set<String> reachableStates() {
        Set<String> all = new LinkedHashSet<>();
        all.add(semantics.canonical(initial()));
        new Search().run((path, state, before) -> all.add(semantics.canonical(state)) || true);
        return all;
    }

    /** Visits every reachable state once, in breadth-first order, with a shortest call path to it. */
    public void forEachReachable(ReachableVisitor visitor) {
        visitor.visit(List.of(), initial());
        new Search().run((path, state, before) -> {
            visitor.visit(path, state);
            return true;
        });
    }

    /** Receives each reachable state and the calls that lead to it from the initial state. */
    @FunctionalInterface
    public interface ReachableVisitor {
        void visit(List<Call> path, ExploredState state);
    }

    /** Told of each new state after the initial one; returns false to stop the search. */
    private interface NewState {
        boolean found(List<Call> path, ExploredState state, ExploredState before);
    }

    /** One breadth-first search: states by id, each with its parent, depth and model. */
    private final class Search {
        final Map<String, Integer> ids = new HashMap<>();
        final List<ExploredState> states = new ArrayList<>();
        final List<Integer> parents = new ArrayList<>();
        final List<Integer> depths = new ArrayList<>();
        final Map<Object, List<Step>> successorsByKey = new HashMap<>();
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        long generated = 1;
        int depth = 1;

        void run(NewState listener) {
            add(initial(), semantics.canonical(initial()), -1);
            while (!queue.isEmpty()) {
                int id = queue.poll();
                GuestRam model = states.get(id).model();
                for (Step step : successorsByKey.computeIfAbsent(semantics.successorKey(model), unused -> successors(model))) {
                    generated++;
                    if (ids.containsKey(step.key())) {
                        continue;
                    }
                    int child = add(step.state(), step.key(), id);
                    if (!listener.found(pathTo(child), step.state(), states.get(id))) {
                        return;
                    }
                }
            }
        }

        int add(ExploredState state, String key, int parent) {
            int id = states.size();
            ids.put(key, id);
            states.add(state);
            parents.add(parent);
            depths.add(parent < 0 ? 1 : depths.get(parent) + 1);
            depth = Math.max(depth, depths.get(id));
            queue.add(id);
            return id;
        }

        List<Call> pathTo(int id) {
            List<Call> path = new ArrayList<>();
            for (int at = id; parents.get(at) >= 0; at = parents.get(at)) {
                path.add(states.get(at).call());
            }
            Collections.reverse(path);
            return path;
        }
    }

    private ExploredState initial() {
        return new ExploredState(semantics.initial(), null, io.guestram.call.Outcome.ok());
    }

    private Violation check(ExploredState state, ExploredState before, List<Call> path) {
        for (Named<Semantics.StateCheck> inv : invariants) {
            if (!inv.check().holds(state)) {
                return new Violation(inv.name(), path, semantics.canonical(state));
            }
        }
        if (before != null) {
            for (Named<Semantics.StepCheck> prop : properties) {
                if (!prop.check().holds(before, state)) {
                    return new Violation(prop.name(), path, semantics.canonical(state));
                }
            }
        }
        return null;
    }

    /** Every call of the spec's Next with every argument in its domain, applied to a copy of the model. */
    private List<Step> successors(GuestRam model) {
        List<Step> steps = new ArrayList<>();
        for (Call call : SpecCalls.enabled(config, semantics.copy(model))) {
            GuestRam next = semantics.copy(model);
            ExploredState state = new ExploredState(next, call, call.apply(next));
            steps.add(new Step(state, semantics.canonical(state)));
        }
        return steps;
    }
}
