package io.guestram.conformance.run;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.SelfChecking;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.PieceMap;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.ActionKind;
import io.guestram.conformance.action.Results;
import io.guestram.model.Models;
import io.guestram.model.ReferenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reference model and an implementation driven in lockstep: every action runs on both, then
 * the checks compare outcomes and memory maps and judge the invariants on each side.
 * <p>
 * Both maps are read in full after every step and frozen as {@link PieceMap}s. A map equal to
 * one already held is replaced by that one (the model's unchanged map by its map before, the
 * implementation's by the model's): equal maps are then the same object, so the checks compare
 * them by identity, derive their runs once, and judge a map invariant once for both sides.
 */
public final class Lockstep {

    private final GuestRam model;
    private final GuestRam impl;
    private final Checks checks;
    private final Checks withoutSelfCheck;
    private final boolean spreadsSelfCheck;
    private PieceMap modelMap;
    private long modelMapChanges;
    private PieceMap implMap;
    private int steps;
    private int mapReadsSkipped;
    private int selfChecksSkipped;
    private boolean skippedAny;

    private static final String SELF_CHECK = "SelfCheck";
    private static final int ALWAYS = 64;
    private static final int SPREAD = 16;

    public Lockstep(Config config, ImplementationFactory factory, Checks checks) {
        this.model = Models.reference(config);
        this.impl = factory.create(config);
        this.checks = checks;
        this.withoutSelfCheck = checks.without(SELF_CHECK);
        // Leaving out a check that has nothing to ask is no reason to replay a failure.
        this.spreadsSelfCheck = impl instanceof SelfChecking && checks.labels().contains(SELF_CHECK);
        this.modelMap = PieceMap.of(model.memoryMap());
        this.modelMapChanges = model instanceof ReferenceModel reference ? reference.mapChanges() : -1;
        List<Piece> implFirst = impl.memoryMap();
        // A null map is left for the first step's checks to report, as a map that cannot be read.
        this.implMap = implFirst == null ? null : implFirst.equals(modelMap) ? modelMap : PieceMap.of(implFirst);
    }

    /** The model's memory map now: what generators read. */
    public List<Piece> modelMap() {
        return modelMap;
    }

    /** Runs {@code action} on both and checks everything: every map read, every check. */
    public StepRecord step(Action action) {
        return step(action, false);
    }

    /**
     * Runs {@code action} on both; with {@code spread}, the two things whose cost grows with the
     * pieces and that no call of this step asks for are done on a schedule: the implementation's
     * {@code SelfCheck} once the steps left out are one in {@value #SPREAD} of the pieces (every
     * step under {@value #SPREAD} pieces), and reading its map after a call that leaves maps
     * alone by the spec (largest, touch, read, write) and did leave the model's likewise, but
     * every time under {@value #ALWAYS} pieces ({@link #due}): a failure seen late is replayed,
     * and over {@code --exec} that costs a process.
     * Whatever they would find persists until the next time they are done, unless the
     * implementation undoes it first; a caller that sees a violation replays the steps with
     * {@link #replay} to name the first one ({@link #skippedAny()} says whether it may differ).
     */
    public StepRecord step(Action action, boolean spread) {
        steps++;
        Results results = action.run(model, impl);
        PieceMap modelAfter = modelMapNow();
        int pieces = modelAfter.size();
        boolean readImplMap = !spread || modelAfter != modelMap || !keepsMaps(action) || implMap == null
                || due(mapReadsSkipped, pieces);
        mapReadsSkipped = readImplMap ? 0 : mapReadsSkipped + 1;
        boolean selfCheck = !spread || !spreadsSelfCheck || (long) (selfChecksSkipped + 1) * SPREAD >= pieces;
        selfChecksSkipped = selfCheck ? 0 : selfChecksSkipped + 1;
        skippedAny = skippedAny || !readImplMap || !selfCheck;
        PieceMap implAfter = implMap;
        String mapError = null;
        if (readImplMap) {
            try {
                implAfter = PieceMap.of(Objects.requireNonNull(impl.memoryMap(), "memoryMap() returned null"));
            } catch (RuntimeException | StackOverflowError e) {
                mapError = e instanceof NullPointerException ? e.getMessage() : "memoryMap() failed: " + e;
            }
        }
        if (readImplMap && mapError == null) {
            if (implAfter.equals(modelAfter)) {
                implAfter = modelAfter;
            } else if (implMap != null && implAfter.equals(implMap)) {
                implAfter = implMap;
            }
        } // not read: the map before stands for the map after, as for a query that left it alone
        boolean modelChanged = modelAfter != modelMap;
        // Equal maps are one object: an implementation whose maps before and after are the model's changed as the model did.
        Boolean implChanged = implAfter == modelAfter && implMap == modelMap ? Boolean.valueOf(modelChanged)
                : implAfter == implMap ? Boolean.FALSE : null;
        Violation violation;
        if (results.thrown() != null) {
            violation = new Violation("ImplementationThrew", Side.IMPL, action.call().java() + " threw " + results.thrown());
        } else if (mapError != null) {
            violation = unreadableMap(action, results, modelMap, modelAfter, implMap, mapError);
        } else {
            violation = (selfCheck ? checks : withoutSelfCheck).firstViolation(
                    new SideView(Side.MODEL, model, action, results.model(), modelMap, modelAfter, modelChanged),
                    new SideView(Side.IMPL, impl, action, results.impl(), implMap, implAfter, implChanged));
        }
        StepRecord record = new StepRecord(steps, action, results.model(), results.impl(), results.thrown(),
                modelMap, implMap, modelAfter, implAfter, mapError, violation);
        modelMap = modelAfter;
        implMap = implAfter;
        return record;
    }

    /** Whether a step with {@code spread} left out a self-check or a map read since this lockstep began. */
    public boolean skippedAny() {
        return skippedAny;
    }

    /**
     * Whether reading the implementation's map, left out for {@code skipped} steps in a row, is
     * due now, with {@code pieces} pieces: always under {@value #ALWAYS} pieces, else once the
     * steps left out are one in {@value #SPREAD} of the pieces, so that it costs a step about
     * {@value #SPREAD} pieces' worth.
     */
    private static boolean due(int skipped, int pieces) {
        return pieces < ALWAYS || (long) (skipped + 1) * SPREAD >= pieces;
    }

    /** The calls that by the spec never change a memory map (a write changes bytes only). */
    private static boolean keepsMaps(Action action) {
        return action.kind().isQuery() || action.kind() == ActionKind.WRITE;
    }

    /**
     * The model's memory map now: the one held if the reference model's R and A have not been
     * changed since it was read (reading it is a pass over both), else read again, and still
     * the one held if equal to it.
     */
    private PieceMap modelMapNow() {
        if (model instanceof ReferenceModel reference) {
            long changes = reference.mapChanges();
            if (changes == modelMapChanges) {
                return modelMap;
            }
            modelMapChanges = changes;
        }
        PieceMap now = PieceMap.of(model.memoryMap());
        return now.equals(modelMap) ? modelMap : now;
    }

    /**
     * The implementation answered but its memory map could not be read: the results are still
     * compared first (a differing result is the first divergence, whatever the map), else the
     * finding is about the map.
     */
    private Violation unreadableMap(Action action, Results results, List<Piece> modelBefore, List<Piece> modelAfter,
                                    List<Piece> implBefore, String mapError) {
        Violation outcomes = checks.outcomeViolation(
                new SideView(Side.MODEL, model, action, results.model(), modelBefore, modelAfter),
                new SideView(Side.IMPL, impl, action, results.impl(), implBefore, implBefore));
        if (outcomes != null) {
            return new Violation(outcomes.label(), outcomes.side(), outcomes.message() + "; the implementation's memory map "
                    + "after it could not be read either: " + mapError);
        }
        return new Violation("MemoryMapWellFormed", Side.IMPL, mapError);
    }

    /** Runs {@code actions} on fresh instances up to the first violation; every step is kept. */
    public static List<StepRecord> replay(Config config, ImplementationFactory factory, Checks checks,
                                          List<Action> actions) {
        Lockstep lockstep = new Lockstep(config, factory, checks);
        List<StepRecord> records = new ArrayList<>();
        for (Action a : actions) {
            StepRecord r = lockstep.step(a);
            records.add(r);
            if (r.failed()) {
                break;
            }
        }
        return records;
    }

    /** The first violation of replaying {@code actions}, or null; only the last step is kept. */
    public static StepRecord firstFailure(Config config, ImplementationFactory factory, Checks checks,
                                          List<Action> actions) {
        Lockstep lockstep = new Lockstep(config, factory, checks);
        for (Action a : actions) {
            StepRecord r = lockstep.step(a);
            if (r.failed()) {
                return r;
            }
        }
        return null;
    }
}
