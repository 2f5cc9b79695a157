package io.guestram;

/** An implementation that can verify its own internal invariants, as Linux's DEBUG_AUGMENT checks. */
public interface SelfChecking {

    /** Throws {@link IllegalStateException} naming the first broken invariant. */
    void checkInvariants();
}
