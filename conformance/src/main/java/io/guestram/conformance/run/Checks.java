package io.guestram.conformance.run;

import io.guestram.GuestRam;
import io.guestram.SelfChecking;
import io.guestram.U64;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.WriteAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ordered list of checks run after every step; the first violation ends the run. The order
 * puts the most specific explanation first (a rejected call that changed the map is reported as
 * such, not as a map mismatch).
 */
public final class Checks {

    /** Allocated runs probed per step for AllocatedIsRegistered: bounded, so steps stay cheap. */
    private static final int PROBED_RUNS = 8;

    private final List<Check> checks;

    public Checks(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public static Checks standard() {
        return new Checks(List.of(
                Check.agreement("OutcomesAgree", Checks::outcomesDiffer),
                Check.invariant("FailureIsAtomic", Checks::rejectedCallChangedMap),
                Check.agreement("FailureIsAtomic", Checks::rejectedWriteChangedContents),
                Check.invariant("MemoryMapWellFormed", side -> MemoryMaps.wellFormednessViolation(side.after())),
                Check.agreement("MemoryMapsAgree", Checks::mapsDiffer),
                Check.invariant("RegisteredNeverShrinks", Checks::registrationLost),
                Check.invariant("AllocatedIsRegistered", Checks::allocatedNotRegistered),
                Check.invariantWithLabels("LargestFreeRegion",
                        side -> LargestFreeCheck.check(side.side(), side.after(), side.largest())),
                Check.invariant("SelfCheck", Checks::selfCheckFails)));
    }

    /** These checks without the ones labelled {@code label}. */
    public Checks without(String label) {
        List<Check> kept = new ArrayList<>(checks);
        kept.removeIf(c -> c.label().equals(label));
        return new Checks(kept);
    }

    public List<String> labels() {
        return checks.stream().map(Check::label).distinct().toList();
    }

    public Violation firstViolation(SideView model, SideView impl) {
        for (Check check : checks) {
            Violation v = check.run(model, impl);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String outcomesDiffer(SideView model, SideView impl) {
        return model.outcome().equals(impl.outcome()) ? null
                : "model " + model.outcome() + ", impl " + impl.outcome();
    }

    private static String mapsDiffer(SideView model, SideView impl) {
        return model.after().equals(impl.after()) ? null
                : "model " + model.after() + ", impl " + impl.after();
    }

    private static String rejectedCallChangedMap(SideView side) {
        if (side.outcome().isOk() || side.after().equals(side.before())) {
            return null;
        }
        return "rejected (" + side.outcome() + ") but the memory map went from " + side.before() + " to " + side.after();
    }

    /** After a rejected write, the registered bytes it aimed at read the same on both sides. */
    private static String rejectedWriteChangedContents(SideView model, SideView impl) {
        if (model.outcome().isOk() || !(model.action() instanceof WriteAction w) || w.data().isEmpty()) {
            return null;
        }
        long length = w.data().length() / 2;
        boolean wraps = U64.lessThan(U64.MAX - (length - 1), w.address());
        long last = wraps ? U64.MAX : w.address() + length - 1;
        for (Span run : MemoryMaps.registeredRuns(model.after())) {
            long first = U64.max(run.first(), w.address());
            long end = U64.min(run.last(), last);
            if (U64.atMost(first, end)) {
                String differ = compareBytes(model.ram(), impl.ram(), first, (int) (end - first + 1));
                if (differ != null) {
                    return "rejected write " + differ;
                }
            }
        }
        return null;
    }

    private static String compareBytes(GuestRam model, GuestRam impl, long address, int size) {
        byte[] expected = model.read(address, size);
        byte[] actual = impl.read(address, size);
        return Arrays.equals(expected, actual) ? null
                : "left " + U64.hex(address) + "+" + size + " reading " + Arrays.toString(actual)
                        + " instead of " + Arrays.toString(expected);
    }

    private static String registrationLost(SideView side) {
        List<Span> before = MemoryMaps.registeredRuns(side.before());
        List<Span> after = MemoryMaps.registeredRuns(side.after());
        return MemoryMaps.covers(after, before) ? null : "registered " + before + " became " + after;
    }

    /** Probes the first and last byte of allocated runs with a one-byte touch: NOT_RAM is a violation. */
    private static String allocatedNotRegistered(SideView side) {
        List<Span> allocated = MemoryMaps.allocatedRuns(side.after());
        for (int i = 0; i < Math.min(PROBED_RUNS, allocated.size()); i++) {
            Span a = allocated.get(i);
            for (long probe : new long[] {a.first(), a.last()}) {
                Outcome o = new Call.Touch(probe, 1, 1, 1).apply(side.ram());
                if (!o.isOk()) {
                    return "allocated byte " + U64.hex(probe) + " of " + a + " is not RAM: touch gave " + o;
                }
            }
        }
        return null;
    }

    private static String selfCheckFails(SideView side) {
        if (!(side.ram() instanceof SelfChecking self)) {
            return null;
        }
        try {
            self.checkInvariants();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
