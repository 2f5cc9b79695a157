package io.guestram.conformance.action;

/**
 * A run cycles through phases, each multiplying some weights: building registers memory,
 * fragmenting allocates and frees small pieces (where coalescing bugs hide), mixed is neutral.
 */
public enum Phase {
    BUILD(ActionKind.REGISTER_AT, ActionKind.REGISTER),
    FRAGMENT(ActionKind.ALLOCATE, ActionKind.FREE, ActionKind.MARK_ALLOCATED),
    MIXED;

    /** Steps per phase before the next one starts. */
    public static final int LENGTH = 25;

    private static final int BOOST = 3;

    private final ActionKind[] boosted;

    Phase(ActionKind... boosted) {
        this.boosted = boosted;
    }

    /** The phase of step {@code index} (0-based) of a run. */
    public static Phase of(int index) {
        return values()[(index / LENGTH) % values().length];
    }

    public int multiplier(ActionKind kind) {
        for (ActionKind k : boosted) {
            if (k == kind) {
                return BOOST;
            }
        }
        return 1;
    }
}
