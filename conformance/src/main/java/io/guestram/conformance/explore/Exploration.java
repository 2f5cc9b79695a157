package io.guestram.conformance.explore;

import java.util.List;
import java.util.Locale;

/** What one exploration found: TLC's counts for the same configuration, and any violation. */
public record Exploration(String config, long distinctStates, long statesGenerated, int depth,
        List<Violation> violations, double seconds) {

    public Exploration {
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
        return String.format(Locale.ROOT,
                "{\"config\": \"%s\", \"passed\": %s, \"distinctStates\": %d, \"statesGenerated\": %d, \"depth\": %d, "
                        + "\"violations\": %s, \"seconds\": %.3f, \"statesPerSecond\": %.0f}",
                config, holds(), distinctStates, statesGenerated, depth, v, seconds, statesPerSecond());
    }

    public String summary() {
        String verdict = holds() ? "all invariants and properties hold" : "VIOLATED: " + violations.get(0).property();
        return String.format(Locale.ROOT, "%s: %d distinct states, %d transitions, depth %d, %.2f s: %s",
                config, distinctStates, statesGenerated, depth, seconds, verdict);
    }
}
