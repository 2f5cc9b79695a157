package io.guestram.explorer;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Breadth-first model checking of a reference model under a TLC configuration: every state of
 * the profile's spec (spec/GuestRam.tla, spec/GuestRamSel4.tla) reachable within the
 * configuration's bounds, found by applying every call with every argument of the spec's
 * {@code Next} to the model. It counts what TLC counts (distinct states, states generated,
 * depth, and the states each action generated) and checks the configuration's invariants on
 * every new state and its properties on every transition, as TLC does; a violation comes with
 * the shortest call sequence that reaches it.
 *
 * <p>With {@code VIEW View} (every guestram configuration), two states are the same iff they
 * agree on every variable but {@code last}, as TLC fingerprints them. Without it, successors
 * depend only on the model, not on {@code last}, so they are computed once per model and shared
 * by every state with that model.
 */
public final class Explorer {

    private final ModelConfig modelConfig;
    private final Config config;
    private final Semantics semantics;
    private final boolean view;
    private final List<Named<Semantics.StateCheck>> invariants = new ArrayList<>();
    private final List<Named<Semantics.StepCheck>> properties = new ArrayList<>();
    /** The states the last complete {@link #run()} reached, in the form {@link #reachableStates()} gives. */
    private Set<String> reached;

    private record Named<T>(String name, T check) {}

    /** One step out of a state: the state it leads to, its fingerprint, and the first property it breaks (or null). */
    private record Step(ExploredState state, String key, String broken) {}

    public Explorer(ModelConfig modelConfig) {
        this.modelConfig = modelConfig;
        this.config = modelConfig.config();
        this.view = modelConfig.view();
        if (config.lastAddress() > 30) {
            throw new ConfigException(modelConfig.name() + ": the explorer handles Limit up to 31");
        }
        this.semantics = Semantics.of(config, modelConfig.byteValues());
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
        Violation[] violation = {checkInvariants(initial(), List.of())};
        Search search = new Search();
        if (violation[0] == null) {
            String phase = "explore " + modelConfig.name() + ", distinct states";
            search.run(new Listener() {
                @Override
                public boolean found(List<Call> path, ExploredState state) {
                    violation[0] = checkInvariants(state, path);
                    if ((search.states.size() & 0xfff) == 0) {
                        progress.progress(phase, search.states.size(), 0);
                    }
                    return violation[0] == null;
                }

                @Override
                public void broken(String property, List<Call> path, ExploredState state) {
                    violation[0] = new Violation(property, path, semantics.canonical(state, true));
                }
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        reached = violation[0] == null ? new LinkedHashSet<>(search.ids.keySet()) : null;
        return new Exploration(modelConfig.name(), search.states.size(), search.generated, search.depth,
                search.byAction, violation[0] == null ? List.of() : List.of(violation[0]), seconds);
    }

    /**
     * The canonical text of every reachable state, without {@code last} under {@code VIEW View}:
     * the set TLC's dump must equal (projected on the view). After a {@link #run()} that found no
     * violation, the states it reached (not explored again).
     */
    public Set<String> reachableStates() {
        if (reached != null) {
            return java.util.Collections.unmodifiableSet(reached);
        }
        Set<String> all = new LinkedHashSet<>();
        all.add(key(initial()));
        new Search().run((path, state) -> all.add(key(state)) || true);
        return all;
    }

    /** Visits every reachable state once, in breadth-first order, with a shortest call path to it. */
    public void forEachReachable(ReachableVisitor visitor) {
        visitor.visit(List.of(), initial());
        new Search().run((path, state) -> {
            visitor.visit(path, state);
            return true;
        });
    }

    /** Receives each reachable state and the calls that lead to it from the initial state. */
    @FunctionalInterface
    public interface ReachableVisitor {
        void visit(List<Call> path, ExploredState state);
    }

    /** Told of each new state after the initial one (false stops the search), and of a broken property. */
    @FunctionalInterface
    private interface Listener {
        boolean found(List<Call> path, ExploredState state);

        default void broken(String property, List<Call> path, ExploredState state) {
            // reachableStates and forEachReachable check nothing
        }
    }

    /** One breadth-first search: states by id, each with its parent and depth. */
    private final class Search {
        final Map<String, Integer> ids = new HashMap<>();
        final List<ExploredState> states = new ArrayList<>();
        final List<Integer> parents = new ArrayList<>();
        final List<Integer> depths = new ArrayList<>();
        final Map<String, List<Step>> successorsByModel = new HashMap<>();
        final Map<String, Long> byAction = new TreeMap<>();
        final ArrayDeque<Integer> queue = new ArrayDeque<>();
        long generated = 1;
        int depth = 1;

        void run(Listener listener) {
            ExploredState init = initial();
            add(init, key(init), -1);
            while (!queue.isEmpty()) {
                int id = queue.poll();
                ExploredState before = states.get(id);
                // Without a view, a model's successors are shared by every state with that model.
                List<Step> steps = view ? successors(before)
                        : successorsByModel.computeIfAbsent(semantics.canonical(before, false), unused -> successors(before));
                for (Step step : steps) {
                    generated++;
                    byAction.merge(step.state().op(), 1L, Long::sum);
                    if (step.broken() != null) {
                        List<Call> path = pathTo(id);
                        path.add(step.state().call());
                        listener.broken(step.broken(), path, step.state());
                        return;
                    }
                    if (ids.containsKey(step.key())) {
                        continue;
                    }
                    int child = add(step.state(), step.key(), id);
                    if (!listener.found(pathTo(child), step.state())) {
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

    /** What TLC fingerprints: the view, or the whole state. */
    private String key(ExploredState state) {
        return semantics.canonical(state, !view);
    }

    private ExploredState initial() {
        GuestRam model = semantics.initial();
        return new ExploredState(model, null, Outcome.ok(), Semantics.contents(model, semantics.contentsLength()));
    }

    private Violation checkInvariants(ExploredState state, List<Call> path) {
        for (Named<Semantics.StateCheck> inv : invariants) {
            if (!inv.check().holds(state)) {
                return new Violation(inv.name(), path, semantics.canonical(state, true));
            }
        }
        return null;
    }

    /**
     * Every call of the spec's Next with every argument in its domain, applied to a copy of the
     * model, each step checked against every property (which depend on the state before only
     * through the model, never through {@code last}).
     */
    private List<Step> successors(ExploredState before) {
        List<Step> steps = new ArrayList<>();
        GuestRam model = before.model();
        for (Call call : SpecCalls.enabled(config, modelConfig.byteValues(), semantics.copy(model))) {
            GuestRam next = semantics.copy(model);
            Outcome outcome = call.apply(next);
            ExploredState state = new ExploredState(next, call, outcome, Semantics.contents(next, semantics.contentsLength()));
            String broken = null;
            for (Named<Semantics.StepCheck> prop : properties) {
                if (!prop.check().holds(before, state)) {
                    broken = prop.name();
                    break;
                }
            }
            steps.add(new Step(state, key(state), broken));
        }
        return steps;
    }
}
