package io.guestram.explorer;

import io.guestram.call.Call;
import java.util.List;

/** A broken invariant or property, with the shortest call sequence from the initial state to it. */
public record Violation(String property, List<Call> path, String state) {

    public Violation {
        path = List.copyOf(path);
    }

    public String toJson() {
        StringBuilder p = new StringBuilder("[");
        for (int i = 0; i < path.size(); i++) {
            p.append(i > 0 ? ", " : "").append('"').append(path.get(i).java().replace("\"", "\\\"")).append('"');
        }
        p.append(']');
        return "{\"property\": \"" + property + "\", \"path\": " + p + ", \"state\": \""
                + state.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    /** The path as a numbered program, followed by the state that breaks the property. */
    public String describe() {
        StringBuilder s = new StringBuilder(property + " is violated after " + path.size() + " call(s):\n");
        for (int i = 0; i < path.size(); i++) {
            s.append(String.format("  %2d. %s%n", i + 1, path.get(i).java()));
        }
        return s.append("  state: ").append(state).toString();
    }
}
