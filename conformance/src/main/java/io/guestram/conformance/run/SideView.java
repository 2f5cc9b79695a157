package io.guestram.conformance.run;

import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.LargestAction;
import java.util.List;

/**
 * One side of a step as invariants see it: the instance, the action, its outcome and the
 * memory maps before and after. Further queries (the largest free region) are made once, lazily.
 */
public final class SideView {

    private final Side side;
    private final GuestRam ram;
    private final Action action;
    private final Outcome outcome;
    private final List<Piece> before;
    private final List<Piece> after;
    private Outcome largest;
    private Boolean mapChanged;

    public SideView(Side side, GuestRam ram, Action action, Outcome outcome, List<Piece> before, List<Piece> after) {
        this(side, ram, action, outcome, before, after, null);
    }

    /** {@code mapChanged}: whether the map changed, if the caller already knows (null: compared when asked). */
    public SideView(Side side, GuestRam ram, Action action, Outcome outcome, List<Piece> before, List<Piece> after,
                    Boolean mapChanged) {
        this.side = side;
        this.ram = ram;
        this.action = action;
        this.outcome = outcome;
        this.before = before;
        this.after = after;
        this.mapChanged = mapChanged;
    }

    public Side side() {
        return side;
    }

    public GuestRam ram() {
        return ram;
    }

    public Action action() {
        return action;
    }

    public Outcome outcome() {
        return outcome;
    }

    public List<Piece> before() {
        return before;
    }

    public List<Piece> after() {
        return after;
    }

    /** True iff the step changed the memory map (compared by content). */
    public boolean mapChanged() {
        if (mapChanged == null) {
            mapChanged = before != after && !before.equals(after);
        }
        return mapChanged;
    }

    /** {@code findLargestFreeRegion()} after the step, as an outcome; a largest step's own answer. */
    public Outcome largest() {
        if (largest == null && action instanceof LargestAction) {
            largest = outcome;
        }
        if (largest == null) {
            largest = new Call.Largest().apply(ram);
        }
        return largest;
    }
}
