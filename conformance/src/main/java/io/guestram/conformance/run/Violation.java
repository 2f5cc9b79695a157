package io.guestram.conformance.run;

/** A broken property: its label (an invariant or agreement name), where, and what is wrong. */
public record Violation(String label, Side side, String message) {

    /** What the shrinker keeps constant: the same property broken on the same side. */
    public String id() {
        return label + " (" + side.label() + ")";
    }

    @Override
    public String toString() {
        return id() + ": " + message;
    }
}
