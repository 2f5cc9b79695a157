package io.guestram.conformance.run;

import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.SelfChecking;
import io.guestram.U64;
import io.guestram.call.CReturn;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.LargestAction;
import io.guestram.conformance.action.WriteAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered list of checks run after every step; the first violation ends the run. The order
 * puts the most specific explanation first (a rejected call that changed the map is reported as
 * such, not as a map mismatch).
 */
public final class Checks {

    private final List<Check> checks;

    public Checks(List<Check> checks) {
        this.checks = List.copyOf(checks);
    }

    public static Checks standard() {
        return new Checks(List.of(
                Check.agreement("OutcomesAgree", Checks::outcomesDiffer),
                Check.invariant("FailureIsAtomic", Checks::rejectedCallChangedMap),
                Check.agreement("FailureIsAtomic", Checks::rejectedWriteChangedContents),
                Check.mapInvariant("MemoryMapWellFormed", side -> MemoryMaps.wellFormednessViolation(side.after())),
                Check.agreement("MemoryMapsAgree", Checks::mapsDiffer),
                Check.mapInvariant("RegisteredNeverShrinks", Checks::registrationLost),
                Check.stateInvariant("AllocatedIsRegistered", Checks::allocatedNotRegistered),
                Check.invariantWithLabels("LargestFreeRegion", Checks::largestFreeRegion),
                Check.invariant("SelfCheck", Checks::selfCheckFails)));
    }

    /**
     * The checks for a profile: for spec, all of them; for sel4, whose model reproduces
     * libsel4vm's bugs (it breaks the spec's invariants on purpose), agreement with the model
     * and the implementation's own self-check only.
     */
    public static Checks forProfile(Profile profile) {
        return switch (profile) {
            case SPEC -> standard();
            case SEL4 -> new Checks(List.of(
                    Check.agreement("OutcomesAgree", Checks::cReturnsDiffer),
                    Check.agreement("MemoryMapsAgree", Checks::mapsDiffer),
                    Check.invariant("SelfCheck", Checks::selfCheckFails)));
        };
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

    /** The first violation among the checks comparing the step's results (OutcomesAgree), or null. */
    public Violation outcomeViolation(SideView model, SideView impl) {
        for (Check check : checks) {
            if (check.label().equals("OutcomesAgree")) {
                Violation v = check.run(model, impl);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }

    private static String outcomesDiffer(SideView model, SideView impl) {
        return model.outcome().equals(impl.outcome()) ? null
                : "model " + model.outcome() + ", impl " + impl.outcome();
    }

    /** Profile sel4 compares what a C caller sees: return values, not why a call failed. */
    private static String cReturnsDiffer(SideView model, SideView impl) {
        Call call = model.action().call();
        Outcome m = CReturn.view(call, model.outcome());
        Outcome i = CReturn.view(call, impl.outcome());
        return m.equals(i) ? null : "model returns " + m + " (" + model.outcome() + "), impl returns " + i
                + " (" + impl.outcome() + ")";
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
        for (Span part : MemoryMaps.registeredParts(model.after(), w.address(), w.data().length() / 2)) {
            String differ = compareBytes(model.ram(), impl.ram(), part.first(), (int) (part.extent() + 1));
            if (differ != null) {
                return "rejected write " + differ;
            }
        }
        return null;
    }

    private static String compareBytes(GuestRam model, GuestRam impl, long address, int size) {
        Outcome expected = new Call.Read(address, size).apply(model);
        Outcome actual = new Call.Read(address, size).apply(impl);
        return expected.equals(actual) ? null
                : "left " + U64.hex(address) + "+" + size + " reading " + actual + " instead of " + expected;
    }

    private static String registrationLost(SideView side) {
        List<Span> before = MemoryMaps.registeredRuns(side.before());
        List<Span> after = MemoryMaps.registeredRuns(side.after());
        return MemoryMaps.covers(after, before) ? null : "registered " + before + " became " + after;
    }

    /**
     * Probes, with a one-byte touch, the ends of the lowest and the highest allocated run: the
     * instance must agree that they are RAM. Two runs only, so that steps stay cheap.
     */
    private static String allocatedNotRegistered(SideView side) {
        Span lowest = MemoryMaps.outerAllocatedRun(side.after(), false);
        if (lowest == null) {
            return null;
        }
        Span highest = MemoryMaps.outerAllocatedRun(side.after(), true);
        // The same address is probed once: a one-byte run has one end, and one run may be both the lowest and the highest.
        long[] probes = {lowest.first(), lowest.last(), highest.first(), highest.last()};
        for (int i = 0; i < probes.length; i++) {
            long probe = probes[i];
            if (probedBefore(probes, i)) {
                continue;
            }
            Outcome o = new Call.Touch(probe, 1, 1, 1).apply(side.ram());
            if (!o.isOk()) {
                return "allocated byte " + U64.hex(probe) + " of " + (i < 2 ? lowest : highest) + " is not RAM: touch gave " + o;
            }
        }
        return null;
    }

    private static boolean probedBefore(long[] probes, int i) {
        for (int j = 0; j < i; j++) {
            if (probes[j] == probes[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The implementation is asked after every step. The model only when it answers a largest
     * call anyway: its findLargestFreeRegion recomputes all free runs, the slowest thing it does.
     */
    private static Violation largestFreeRegion(SideView side) {
        if (side.side() == Side.MODEL && !(side.action() instanceof LargestAction)) {
            return null;
        }
        return LargestFreeCheck.check(side.side(), side.after(), side.largest());
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
