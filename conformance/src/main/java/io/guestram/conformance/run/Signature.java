package io.guestram.conformance.run;

import io.guestram.call.Outcome;
import java.util.Set;

/**
 * What makes two failures the same bug: the property broken and on which side, and, for the
 * properties about the failing step's own result, the call and both results' kinds (OK or the
 * error code). An {@code allocate} that answers OK where the model says NO_SPACE is not the same
 * bug as a {@code mark_allocated} that does. The invariants checked after every step (the largest
 * free region, allocated bytes being RAM, self-checks) do not depend on the step that revealed
 * them, so their signature is the property alone.
 */
public record Signature(String property, String call, String model, String impl) {

    /** The properties judged on the step's own result and effect. */
    private static final Set<String> ABOUT_THE_STEP = Set.of(
            "OutcomesAgree", "FailureIsAtomic", "MemoryMapsAgree", "MemoryMapWellFormed", "RegisteredNeverShrinks",
            "ImplementationThrew");

    public static Signature of(StepRecord failure) {
        Violation v = failure.violation();
        if (!ABOUT_THE_STEP.contains(v.label())) {
            return new Signature(v.id(), "", "", "");
        }
        return new Signature(v.id(), failure.action().kind().label(), kind(failure.model()),
                failure.impl() == null ? "threw" : kind(failure.impl()));
    }

    private static String kind(Outcome o) {
        return o.isOk() ? "OK" : o.error().name();
    }

    @Override
    public String toString() {
        return call.isEmpty() ? property : property + " on " + call + " (model " + model + ", impl " + impl + ")";
    }
}
