package io.guestram.conformance.run;

import io.guestram.Config;
import io.guestram.U64;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.AllocateAction;
import io.guestram.conformance.action.MarkAllocatedAction;
import io.guestram.conformance.action.RegisterAction;
import io.guestram.conformance.action.RegisterAtAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reduces a failing sequence to a minimal one that still fails with the same {@link Signature}
 * (the same property on the same side, and for a step's own result the same call and result kinds): first deletes steps (delta debugging, halving chunks down to single steps), then
 * simplifies each step's arguments toward small, aligned values, and repeats both until neither
 * helps. Every candidate is replayed on a fresh model and implementation.
 *
 * <p>A nondeterministic implementation would make this lie: a candidate that failed by chance
 * looks like a smaller counterexample. So the failing sequence is first replayed
 * {@code confirmations} times, and the minimal one as often at the end; unless each failed the
 * same way every time, the result is {@link Flaky}, not a minimal counterexample.
 */
public final class Shrinker {

    /** What shrinking found. */
    public sealed interface Result permits Minimal, Flaky {}

    /** A minimal program that failed every confirmation; {@code steps}: one of those replays. */
    public record Minimal(List<StepRecord> steps) implements Result {}

    /**
     * A failure that reproduced in only {@code reproduced} of {@code replays} replays of
     * {@code program}: the failing sequence itself ({@code shrunk} false), or the sequence
     * shrinking ended with although the failing one reproduced every time ({@code shrunk} true).
     */
    public record Flaky(boolean shrunk, List<Action> program, int reproduced, int replays) implements Result {
        public Flaky {
            program = List.copyOf(program);
        }
    }

    /** Replays of one program: how many failed the same way, and the steps of the first that did. */
    private record Confirmation(int reproduced, List<StepRecord> firstFailing) {}

    private final Config config;
    private final ImplementationFactory factory;
    private final Checks checks;
    private final int maxReplays;
    private final int confirmations;
    private int replays;

    public Shrinker(Config config, ImplementationFactory factory, Checks checks, int maxReplays, int confirmations) {
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1, got " + confirmations);
        }
        this.config = config;
        this.factory = factory;
        this.checks = checks;
        this.maxReplays = maxReplays;
        this.confirmations = confirmations;
    }

    /** How many replays the last {@link #shrink} made. */
    public int replays() {
        return replays;
    }

    /** Shrinks {@code failing}, whose last step broke {@code failure}'s property: candidates must fail with its {@link Signature}. */
    public Result shrink(List<Action> failing, StepRecord failure) {
        replays = 0;
        Signature target = Signature.of(failure);
        Confirmation original = confirm(failing, target);
        if (original.reproduced() < confirmations) {
            return new Flaky(false, failing, original.reproduced(), confirmations);
        }
        List<Action> current = original.firstFailing().stream().map(StepRecord::action).toList();
        current = pinPlacements(current, target);
        List<Action> previous;
        do {
            previous = current;
            current = deleteSteps(current, target);
            current = shiftTowardZero(current, target);
            if (current.size() > FOLDABLE) {
                current = regularize(current, target);
            }
            current = simplifyArguments(current, target);
        } while (!current.equals(previous) && replays < maxReplays);
        Confirmation minimal = confirm(current, target);
        if (minimal.reproduced() < confirmations) {
            return new Flaky(true, current, minimal.reproduced(), confirmations);
        }
        return new Minimal(minimal.firstFailing());
    }

    /** Replays {@code program} on fresh instances {@code confirmations} times. */
    private Confirmation confirm(List<Action> program, Signature target) {
        int reproduced = 0;
        List<StepRecord> firstFailing = null;
        for (int i = 0; i < confirmations; i++) {
            replays++;
            List<StepRecord> steps = Lockstep.replay(config, factory, checks, program);
            StepRecord last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            if (last != null && last.failed() && Signature.of(last).equals(target)) {
                reproduced++;
                firstFailing = firstFailing == null ? steps : firstFailing;
            }
        }
        return new Confirmation(reproduced, firstFailing);
    }

    /** Delta debugging: remove chunks of size n/2, n/4, ... 1; after a success, retry coarser. */
    private List<Action> deleteSteps(List<Action> steps, Signature target) {
        int granularity = 2;
        while (steps.size() >= 2 && replays < maxReplays) {
            int chunk = (steps.size() + granularity - 1) / granularity;
            List<Action> reduced = firstFailingDeletion(steps, chunk, target);
            if (reduced != null) {
                steps = reduced;
                granularity = Math.max(granularity - 1, 2);
            } else if (chunk == 1) {
                break;
            } else {
                granularity = Math.min(granularity * 2, steps.size());
            }
        }
        return steps;
    }

    private List<Action> firstFailingDeletion(List<Action> steps, int chunk, Signature target) {
        for (int from = 0; from < steps.size() && replays < maxReplays; from += chunk) {
            List<Action> candidate = new ArrayList<>(steps.subList(0, from));
            candidate.addAll(steps.subList(Math.min(from + chunk, steps.size()), steps.size()));
            List<Action> kept = failsSame(candidate, target);
            if (kept != null) {
                return kept;
            }
        }
        return null;
    }

    /**
     * Replaces register(n) and allocate(n) by register_at and mark_allocated of the place the
     * model gave them: the same effect, but no longer dependent on the steps before, so more of
     * those can be deleted. Kept only if the failure stays (it goes if the bug is in placing).
     */
    private List<Action> pinPlacements(List<Action> steps, Signature target) {
        List<StepRecord> records = Lockstep.replay(config, factory, checks, steps);
        List<Action> pinned = new ArrayList<>(steps);
        for (StepRecord r : records) {
            if (r.model().isOk() && !r.failed()) {
                Action a = r.action();
                if (a instanceof RegisterAction reg) {
                    pinned.set(r.number() - 1, new RegisterAtAction(r.model().values().get(0), reg.size(), false));
                } else if (a instanceof AllocateAction alloc) {
                    pinned.set(r.number() - 1, new MarkAllocatedAction(r.model().values().get(0), alloc.size()));
                }
            }
        }
        if (pinned.equals(steps)) {
            return steps;
        }
        List<Action> kept = failsSame(pinned, target);
        return kept != null ? kept : steps;
    }

    /**
     * Moves every address down by the same amount, so that the lowest becomes 0 (or the page
     * boundary below it): relations between addresses survive, which one-at-a-time argument
     * simplification would break. Register and allocate choose their own places and stay.
     */
    private List<Action> shiftTowardZero(List<Action> steps, Signature target) {
        long lowest = steps.stream().map(Action::startAddress).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).reduce(U64.MAX, U64::min);
        for (long delta : new long[] {lowest, U64.alignDown(lowest, config.pageSize())}) {
            if (delta == 0 || replays >= maxReplays) {
                continue;
            }
            List<Action> shifted = steps.stream().map(a -> a.shiftedDown(delta)).toList();
            List<Action> kept = failsSame(shifted, target);
            if (kept != null) {
                return kept;
            }
        }
        return steps;
    }

    /** Programs longer than this are also regularized, so that they fold when printed. */
    private static final int FOLDABLE = 6;

    /**
     * For long counterexamples (a bug that needs many pieces): sorts the steps before the failing
     * one, registrations first, then by address; closes the gaps between the address clusters;
     * merges registrations that touch. Each is kept only if the failure stays. The result is a few
     * registrations and runs of calls in arithmetic progression, which reports print folded.
     */
    private List<Action> regularize(List<Action> steps, Signature target) {
        List<Action> sorted = new ArrayList<>(steps.subList(0, steps.size() - 1));
        sorted.sort(Comparator.comparingInt((Action a) -> a instanceof RegisterAtAction ? 0 : 1)
                .thenComparing(a -> a.startAddress().orElse(0), Long::compareUnsigned));
        sorted.add(steps.get(steps.size() - 1));
        if (!sorted.equals(steps) && replays < maxReplays) {
            List<Action> kept = failsSame(sorted, target);
            steps = kept != null ? kept : steps;
        }
        steps = closeGaps(steps, target);
        return mergeRegistrations(steps, target);
    }

    /** Shifts everything above a gap between registrations down, to one byte above the run below. */
    private List<Action> closeGaps(List<Action> steps, Signature target) {
        List<RegisterAtAction> registrations = steps.stream().filter(a -> a instanceof RegisterAtAction)
                .map(a -> (RegisterAtAction) a).sorted(Comparator.comparing(RegisterAtAction::start, Long::compareUnsigned)).toList();
        for (int i = 0; i + 1 < registrations.size() && replays < maxReplays; i++) {
            RegisterAtAction below = registrations.get(i);
            long end = below.start() + below.size(); // the first byte after it
            long next = registrations.get(i + 1).start();
            if (end == 0 || !U64.lessThan(end + 1, next)) {
                continue;
            }
            long delta = next - end - 1;
            List<Action> shifted = new ArrayList<>();
            for (Action a : steps) {
                boolean above = a.startAddress().isPresent() && U64.atMost(next, a.startAddress().getAsLong());
                shifted.add(above ? a.shiftedDown(delta) : a);
            }
            List<Action> kept = failsSame(shifted, target);
            if (kept != null) {
                return closeGaps(kept, target);
            }
        }
        return steps;
    }

    /** Replaces two registrations that touch by one. */
    private List<Action> mergeRegistrations(List<Action> steps, Signature target) {
        for (int i = 0; i < steps.size() && replays < maxReplays; i++) {
            if (!(steps.get(i) instanceof RegisterAtAction a)) {
                continue;
            }
            for (int j = i + 1; j < steps.size() - 1; j++) {
                if (steps.get(j) instanceof RegisterAtAction b && a.start() + a.size() == b.start()
                        && U64.atMost(a.size(), U64.MAX - b.size())) {
                    List<Action> merged = new ArrayList<>(steps);
                    merged.set(i, new RegisterAtAction(a.start(), a.size() + b.size(), a.untyped()));
                    merged.remove(j);
                    List<Action> kept = failsSame(merged, target);
                    if (kept != null) {
                        return mergeRegistrations(kept, target);
                    }
                }
            }
        }
        return steps;
    }

    /** Replaces each step by its first simpler variant that still fails, as long as one does. */
    private List<Action> simplifyArguments(List<Action> steps, Signature target) {
        for (int i = 0; i < steps.size() && replays < maxReplays; i++) {
            boolean simplified = true;
            while (simplified && i < steps.size()) {
                simplified = false;
                for (Action simpler : steps.get(i).simplifications(config.pageSize())) {
                    List<Action> candidate = new ArrayList<>(steps);
                    candidate.set(i, simpler);
                    List<Action> kept = failsSame(candidate, target);
                    if (kept != null) {
                        steps = kept;
                        simplified = true;
                        break;
                    }
                    if (replays >= maxReplays) {
                        return steps;
                    }
                }
            }
        }
        return steps;
    }

    /** The candidate cut after its failing step if it breaks {@code target}, else null. */
    private List<Action> failsSame(List<Action> candidate, Signature target) {
        if (candidate.isEmpty()) {
            return null;
        }
        replays++;
        StepRecord failure = Lockstep.firstFailure(config, factory, checks, candidate);
        if (failure == null || !Signature.of(failure).equals(target)) {
            return null;
        }
        return List.copyOf(candidate.subList(0, failure.number()));
    }
}
