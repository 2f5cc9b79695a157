package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.conformance.action.Action;
import io.guestram.explorer.Json;
import io.guestram.conformance.run.Violation;
import java.util.List;

/**
 * A failure that does not reproduce every time, so no minimal counterexample is claimed: the
 * violation first seen, where ({@code origin}), and the program that, replayed {@code replays}
 * times on fresh instances, failed the same way only {@code reproduced} times. That program is
 * the failing sequence itself, or ({@code shrunk}) the one shrinking ended with although the
 * failing sequence ({@code originalLength} steps) failed every replay.
 */
public record Flakiness(Config config, String origin, Violation violation, int originalLength, boolean shrunk,
                        List<Action> program, int reproduced, int replays) {

    public Flakiness {
        program = List.copyOf(program);
    }

    /** What the terminal and summary.txt show. */
    public String report() {
        StringBuilder s = new StringBuilder();
        s.append("FLAKY: ").append(violation.id()).append(": the failure reproduced in ").append(reproduced)
                .append(" of ").append(replays).append(" replays of ").append(which()).append('\n');
        s.append("  the implementation is nondeterministic, so this is no minimal counterexample; first seen: ")
                .append(violation.message()).append('\n');
        s.append("found by ").append(origin).append("; config ").append(config).append("\n\n");
        for (int i = 0; i < program.size(); i++) {
            s.append(String.format("%3d  %s%n", i + 1, program.get(i).call().java()));
        }
        return s.toString();
    }

    private String which() {
        String steps = program.size() + "-step";
        return shrunk ? "the " + steps + " program shrinking ended with (the " + originalLength
                + "-step failing program failed every replay)" : "the " + steps + " failing program";
    }

    public String toJson() {
        StringBuilder calls = new StringBuilder("[");
        for (int i = 0; i < program.size(); i++) {
            calls.append(i == 0 ? "" : ",").append(Json.quote(program.get(i).call().java()));
        }
        return "{\"violation\":" + Json.quote(violation.id()) + ",\"message\":" + Json.quote(violation.message())
                + ",\"origin\":" + Json.quote(origin) + ",\"reproduced\":" + reproduced + ",\"replays\":" + replays
                + ",\"shrunk\":" + shrunk + ",\"originalLength\":" + originalLength
                + ",\"program\":" + calls.append(']') + "}";
    }
}
