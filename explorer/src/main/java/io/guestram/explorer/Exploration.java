package io.guestram.explorer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one exploration found: TLC's counts for the same configuration (distinct states, states
 * generated, depth, and the states each action generated), and any violation.
 */
public record Exploration(String config, long distinctStates, long statesGenerated, int depth,
        Map<String, Long> transitionsByAction, List<Violation> violations, double seconds) {

    public Exploration {
        transitionsByAction = java.util.Collections.unmodifiableMap(new TreeMap<>(transitionsByAction));
        violations = List.copyOf(violations);
    }

    public boolean holds() {
        return violations.isEmpty();
    }

    public double statesPerSecond() {
        return seconds > 0 ? distinctStates / seconds : 0;
    }

    public String toJson() {
        StringBuilder v = new StringBuilder("[");
        for (int i = 0; i < violations.size(); i++) {
            v.append(i > 0 ? ", " : "").append(violations.get(i).toJson());
        }
        v.append(']');
        StringBuilder actions = new StringBuilder("{");
        transitionsByAction.forEach((op, n) -> actions.append(actions.length() > 1 ? ", " : "")
                .append('"').append(op).append("\": ").append(n));
        actions.append('}');
        return String.format(Locale.ROOT,
                "{\"config\": \"%s\", \"passed\": %s, \"distinctStates\": %d, \"statesGenerated\": %d, \"depth\": %d, "
                        + "\"transitionsByAction\": %s, \"violations\": %s, \"seconds\": %.3f, \"statesPerSecond\": %.0f}",
                config, holds(), distinctStates, statesGenerated, depth, actions, v, seconds, statesPerSecond());
    }

    public String summary() {
        String verdict = holds() ? "all invariants and properties hold" : "VIOLATED: " + violations.get(0).property();
        return String.format(Locale.ROOT, "%s: %d distinct states, %d transitions, depth %d, %.2f s: %s",
                config, distinctStates, statesGenerated, depth, seconds, verdict);
    }
}
