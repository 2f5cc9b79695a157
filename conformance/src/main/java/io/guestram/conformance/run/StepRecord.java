package io.guestram.conformance.run;

import io.guestram.Piece;
import io.guestram.call.Outcome;
import io.guestram.conformance.action.Action;
import java.util.List;

/**
 * One executed step: the action (numbered from 1), both outcomes ({@code impl} null if it threw
 * {@code thrown}), both memory maps before and after, and the first violation, if any. When the
 * implementation's map after the step could not be read ({@code implMapError}, e.g. a process
 * answered {@code map} with a malformed line), {@code implAfter} is its map before the step.
 */
public record StepRecord(
        int number,
        Action action,
        Outcome model,
        Outcome impl,
        Throwable thrown,
        List<Piece> modelBefore,
        List<Piece> implBefore,
        List<Piece> modelAfter,
        List<Piece> implAfter,
        String implMapError,
        Violation violation) {

    public boolean failed() {
        return violation != null;
    }

    /** What the implementation did, for reports. */
    public String implResult() {
        return impl != null ? impl.toString() : "threw " + thrown;
    }
}
