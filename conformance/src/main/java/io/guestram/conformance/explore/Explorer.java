package io.guestram.conformance.explore;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.model.ReferenceModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Breadth-first model checking of the reference model under a TLC configuration: every state of
 * spec/GuestRam.tla reachable within the configuration's bounds, found by applying every call
 * with every argument of the spec's {@code Next} to the model. It counts what TLC counts
 * (distinct states, states generated, depth) and checks the configuration's invariants and
 * properties; a violation comes with the shortest call sequence that reaches it.
 *
 * <p>Successors depend only on the model's sets, not on {@code last}, so they are computed once
 * per memory map and shared by every state with that map.
 */
public final class Explorer {

    private final ModelConfig modelConfig;
    private final Config config;
    private final List<Named<BiPredicate<SpecState, SpecState>>> invariants = new ArrayList<>();
    private final List<Named<SpecChecks.Transition>> properties = new ArrayList<>();

    private record Named<T>(String name, T check) {}

    /** One step out of a memory map: the call, its successor model and the state it leads to. */
    private record Step(Call call, ReferenceModel next, SpecState state, String key) {}

    public Explorer(ModelConfig modelConfig) {
        this.modelConfig = modelConfig;
        this.config = modelConfig.config();
        if (config.lastAddress() > 61) {
            throw new ConfigException(modelConfig.name() + ": the explorer handles Limit up to 62");
        }
        SpecChecks checks = new SpecChecks(config);
        for (String name : modelConfig.invariants()) {
            invariants.add(new Named<>(name, checks.invariant(name).orElseThrow(
                    () -> new ConfigException(modelConfig.name() + ": the explorer has no check for invariant " + name))));
        }
        for (String name : modelConfig.properties()) {
            properties.add(new Named<>(name, checks.property(name).orElseThrow(
                    () -> new ConfigException(modelConfig.name() + ": the explorer has no check for property " + name))));
        }
    }

    /** Explores every reachable state; stops at the first violated invariant or property. */
    public Exploration run() {
        long started = System.nanoTime();
        Violation[] violation = {check(SpecState.initial(), null, List.of())};
        Search search = new Search();
        if (violation[0] == null) {
            search.run((path, state, before) -> {
                violation[0] = check(state, before, path);
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
        all.add(SpecState.initial().canonical());
        new Search().run((path, state, before) -> all.add(state.canonical()) || true);
        return all;
    }

    /** Visits every reachable state once, in breadth-first order, with a shortest call path to it. */
    public void forEachReachable(ReachableVisitor visitor) {
        visitor.visit(List.of(), SpecState.initial());
        new Search().run((path, state, before) -> {
            visitor.visit(path, state);
            return true;
        });
    }

    /** Receives each reachable state and the calls that lead to it from the initial state. */
    @FunctionalInterface
    public interface ReachableVisitor {
        void visit(List<Call> path, SpecState state);
    }

    /** Told of each new state after the initial one; returns false to stop the search. */
    private interface NewState {
        boolean found(List<Call> path, SpecState state, SpecState before);
    }

    /** One breadth-first search: states by id, each with its parent, depth and model. */
    private final class Search {
        final Map<String, Integer> ids = new HashMap<>();
        final List<SpecState> states = new ArrayList<>();
        final List<ReferenceModel> models = new ArrayList<>();
        final List<Integer> parents = new ArrayList<>();
        final List<Integer> depths = new ArrayList<>();
        final Map<List<Piece>, List<Step>> successorsByMap = new HashMap<>();
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        long generated = 1;
        int depth = 1;

        void run(NewState listener) {
            add(SpecState.initial(), SpecState.initial().canonical(), new ReferenceModel(config), -1);
            while (!queue.isEmpty()) {
                int id = queue.poll();
                ReferenceModel model = models.get(id);
                for (Step step : successorsByMap.computeIfAbsent(model.memoryMap(), unused -> successors(model))) {
                    generated++;
                    if (ids.containsKey(step.key())) {
                        continue;
                    }
                    int child = add(step.state(), step.key(), step.next(), id);
                    if (!listener.found(pathTo(child), step.state(), states.get(id))) {
                        return;
                    }
                }
            }
        }

        int add(SpecState state, String key, ReferenceModel model, int parent) {
            int id = states.size();
            ids.put(key, id);
            states.add(state);
            models.add(model);
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

    private Violation check(SpecState state, SpecState before, List<Call> path) {
        for (Named<BiPredicate<SpecState, SpecState>> inv : invariants) {
            if (!inv.check().test(state, before)) {
                return new Violation(inv.name(), path, state.canonical());
            }
        }
        if (before != null) {
            for (Named<SpecChecks.Transition> prop : properties) {
                if (!prop.check().holds(before, state)) {
                    return new Violation(prop.name(), path, state.canonical());
                }
            }
        }
        return null;
    }

    /** Every call of the spec's Next with every argument in its domain, applied to a copy of the model. */
    private List<Step> successors(ReferenceModel model) {
        List<Step> steps = new ArrayList<>();
        for (Call call : SpecCalls.enabled(config, model)) {
            ReferenceModel next = model.copy();
            Outcome outcome = call.apply(next);
            SpecState state = SpecState.of(next.memoryMap(), call, outcome);
            steps.add(new Step(call, next, state, state.canonical()));
        }
        return steps;
    }
}
