package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link ConcurrentGuestRam} against {@link io.guestram.model.ReferenceModel}:
 * Lincheck generates scenarios of {@link GuestRamOperations} (a few calls before, two threads of
 * three calls in parallel, one call after), runs them, and checks that every outcome is one some
 * sequential order of the same calls on the model produces. The model checker explores thread
 * switches at every shared-memory access and lock; the stress run uses real threads.
 *
 * <p>The same check must fail on the bare {@link OptimizedGuestRam}, or it proves nothing: with
 * no lock, two allocations can take the same free piece, a read can see half a write, and the
 * tree's rotations can lose a piece. The model checker finds such an interleaving within its
 * first scenarios (stress testing may well not on a loaded machine, so only the model checker
 * is asked to).
 */
class ConcurrentGuestRamLincheckTest {

    /** The read/write-locked facade. */
    public static final class Shared extends GuestRamOperations {
        public Shared() {
            super(ConcurrentGuestRam.optimized(CONFIG));
        }
    }

    /** The single-lock facade. */
    public static final class Exclusive extends GuestRamOperations {
        public Exclusive() {
            super(ConcurrentGuestRam.exclusive(new OptimizedGuestRam(CONFIG)));
        }
    }

    /** No lock at all: must be caught. */
    public static final class Bare extends GuestRamOperations {
        public Bare() {
            super(new OptimizedGuestRam(CONFIG));
        }
    }

    /**
     * Multiplies the number of scenarios: 1 in {@code mvn verify}, where the whole class must
     * stay near half a minute, more by hand ({@code -DargLine=-Dguestram.lincheck.scale=20}).
     * The model checker is the expensive part: Lincheck instruments every method the calls reach
     * and the tree's recursive walks are many calls, so one scenario costs about a second.
     */
    private static final int SCALE = Integer.getInteger("guestram.lincheck.scale", 1);

    /**
     * Lincheck reports an invocation that runs longer than this wall-clock time as hung (10 s by
     * default), which a loaded machine reached (load average 40 on two cores, memory short):
     * 10 minutes, so that only a real hang is reported. The setter is Kotlin-internal, hence its name.
     */
    private static final long INVOCATION_TIMEOUT_MS = 600_000;

    private static ModelCheckingOptions modelChecking(int iterations, int invocations) {
        return new ModelCheckingOptions()
                .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS)
                .iterations(iterations)
                .invocationsPerIteration(invocations)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(GuestRamOperations.Sequential.class);
    }

    private static StressOptions stress(int iterations, int invocations) {
        return new StressOptions()
                .invocationTimeout$lincheck(INVOCATION_TIMEOUT_MS)
                .iterations(iterations)
                .invocationsPerIteration(invocations)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(GuestRamOperations.Sequential.class);
    }

    @Test
    void sharedFacadeIsLinearizableUnderTheModelChecker() {
        modelChecking(3 * SCALE, 20).check(Shared.class);
    }

    @Test
    void sharedFacadeIsLinearizableUnderStress() {
        stress(3 * SCALE, 300).check(Shared.class);
    }

    @Test
    void exclusiveFacadeIsLinearizableUnderStress() {
        stress(2 * SCALE, 300).check(Exclusive.class);
    }

    @Test
    void theBareImplementationIsCaught() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class,
                () -> modelChecking(30, 100).minimizeFailedScenario(false).check(Bare.class));
        assertTrue(e.getMessage().contains("Invalid execution results"), e.getMessage());
        // What it caught, in the test's output file: the scenario and the impossible results.
        System.out.println(e.getMessage().lines().limit(40).collect(java.util.stream.Collectors.joining("\n")));
    }
}
