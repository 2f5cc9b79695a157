package io.guestram.call;

import io.guestram.Profile;
import java.util.ArrayList;
import java.util.List;

/**
 * What a C caller of libsel4vm can see of an outcome: the function's return value (and what its
 * callbacks saw), not which of our error codes it was. In profile {@code sel4} two outcomes agree
 * iff their C views do, so that the C library behind a thin adapter can be checked even though
 * it cannot say why a call failed. In profile {@code spec} the outcome itself is compared.
 */
public final class CReturn {

    private CReturn() {}

    /** The outcome as compared under {@code profile}. */
    public static Outcome comparable(Profile profile, Call call, Outcome outcome) {
        return profile == Profile.SEL4 ? view(call, outcome) : outcome;
    }

    /** The C-visible outcome: an error becomes the function's failure return value. */
    public static Outcome view(Call call, Outcome outcome) {
        if (call instanceof Call.MarkAllocated || call instanceof Call.Free) {
            return Outcome.ok(); // void functions
        }
        if (call instanceof Call.RegisterAt) {
            return Outcome.ok(outcome.isOk() ? 0L : -1L);
        }
        if (call instanceof Call.Register || call instanceof Call.Allocate) {
            return outcome.isOk() ? outcome : Outcome.ok(0L);
        }
        if (call instanceof Call.Largest) {
            if (!outcome.isOk()) {
                return Outcome.ok(-1L);
            }
            List<Long> values = new ArrayList<>(List.of(0L));
            values.addAll(outcome.values());
            return new Outcome(null, values, List.of(), new byte[0]);
        }
        // touch, read, write: a failure before any callback is -1 with nothing seen.
        return outcome.isOk() ? outcome : Outcome.ok(-1L);
    }
}
