package io.guestram.conformance.action;

import java.util.EnumMap;
import java.util.Map;

/** How often each action is generated, relative to the others; a weight of 0 turns it off. */
public final class Weights {

    /** The largest weight: nine of them, times a phase's multiplier, must still add up within an int. */
    public static final int MAX_WEIGHT = 1_000_000;

    private final Map<ActionKind, Integer> weights;

    private Weights(Map<ActionKind, Integer> weights) {
        this.weights = weights;
    }

    public static Weights defaults() {
        Map<ActionKind, Integer> w = new EnumMap<>(ActionKind.class);
        for (ActionKind k : ActionKind.values()) {
            w.put(k, k.defaultWeight());
        }
        return new Weights(w);
    }

    /** A copy with one weight changed. */
    public Weights with(ActionKind kind, int weight) {
        if (weight < 0 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight " + weight + " for " + kind.label() + " is not between 0 and " + MAX_WEIGHT);
        }
        Map<ActionKind, Integer> w = new EnumMap<>(weights);
        w.put(kind, weight);
        return new Weights(w);
    }

    /** Defaults overridden by a list such as {@code "allocate=6,free=6,write=0"}. */
    public static Weights parse(String overrides) {
        Weights w = defaults();
        for (String item : overrides.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] kv = item.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("weight '" + item + "' is not call=number");
            }
            if (!kv[1].strip().matches("-?[0-9]{1,9}")) {
                throw new IllegalArgumentException("weight '" + item + "' is not call=number");
            }
            w = w.with(ActionKind.byLabel(kv[0].strip()), Integer.parseInt(kv[1].strip()));
        }
        if (w.weights.values().stream().allMatch(weight -> weight == 0)) {
            throw new IllegalArgumentException("every call has weight 0");
        }
        return w;
    }

    public int of(ActionKind kind) {
        return weights.get(kind);
    }

    /** Picks a kind with probability proportional to its weight times the phase's multiplier. */
    public ActionKind pick(Generation g) {
        int total = 0;
        for (ActionKind k : ActionKind.values()) {
            total += of(k) * g.phase().multiplier(k);
        }
        if (total == 0) {
            throw new IllegalStateException("every action has weight 0");
        }
        int ticket = g.nextInt(total);
        for (ActionKind k : ActionKind.values()) {
            ticket -= of(k) * g.phase().multiplier(k);
            if (ticket < 0) {
                return k;
            }
        }
        throw new AssertionError("unreachable: ticket beyond total weight");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        weights.forEach((k, w) -> s.append(s.length() == 0 ? "" : ",").append(k.label()).append('=').append(w));
        return s.toString();
    }
}
