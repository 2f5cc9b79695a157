package io.guestram.conformance.run;

/** Which instance a violation was found on. */
public enum Side {
    MODEL("model"),
    IMPL("impl"),
    /** A disagreement between the two. */
    BOTH("impl != model");

    private final String label;

    Side(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
