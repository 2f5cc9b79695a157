package io.guestram.conformance.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.SelfChecking;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.LargestAction;
import io.guestram.conformance.action.MarkAllocatedAction;
import io.guestram.conformance.action.ReadAction;
import io.guestram.conformance.action.RegisterAtAction;
import io.guestram.conformance.action.Situation;
import io.guestram.conformance.action.Weights;
import io.guestram.conformance.run.Checks;
import io.guestram.conformance.run.Lockstep;
import io.guestram.conformance.run.RandomRun;
import io.guestram.conformance.run.Statistics;
import io.guestram.conformance.run.StepRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random runs spread the implementation's self-check, and the reading of its map after a query,
 * over several steps once the map is large: what those would find is still found in the run,
 * and reported at the step where it first went wrong, as if every step had been checked in full.
 */
class SpreadChecksTest {

    private static final Config CONFIG = Config.defaults(Profile.SPEC);
    private static final int BREAKS_AT = 150;
    private static final RandomRun.Aim FRAGMENTING = new RandomRun.Aim(60, Situation.MANY_PIECES);

    /** Correct, but its self-check fails while its map has {@value #BREAKS_AT} pieces or more. */
    static final class SelfCheckFailsWhenLarge extends ForwardingGuestRam implements SelfChecking {
        SelfCheckFailsWhenLarge(Config config) {
            super(config);
        }

        @Override
        public void checkInvariants() {
            if (delegate.memoryMap().size() >= BREAKS_AT) {
                throw new IllegalStateException("too many pieces for its tree");
            }
        }
    }

    /** Bug: with {@value #BREAKS_AT} pieces or more, a read allocates the first byte of the largest free region. */
    static final class ReadAllocatesWhenLarge extends ForwardingGuestRam {
        ReadAllocatesWhenLarge(Config config) {
            super(config);
        }

        @Override
        public byte[] read(long address, int size) {
            byte[] bytes = delegate.read(address, size);
            if (delegate.memoryMap().size() >= BREAKS_AT) {
                delegate.markAllocated(delegate.findLargestFreeRegion().start(), 1);
            }
            return bytes;
        }
    }

    @Test
    void aSelfCheckThatFailsOnALargeMapIsReportedAtTheFirstStepItFails() {
        Statistics statistics = new Statistics();
        RandomRun.Report report = RandomRun.run(CONFIG, SelfCheckFailsWhenLarge::new, Checks.standard(), Weights.defaults(),
                7, 600, statistics, FRAGMENTING);
        StepRecord failure = report.failure();
        assertNotNull(failure, "not caught");
        assertEquals(report.actions().size(), statistics.actions(), "the steps counted are those up to the first failure");
        assertEquals("SelfCheck", failure.violation().label());
        assertTrue(failure.modelBefore().size() < BREAKS_AT && failure.modelAfter().size() >= BREAKS_AT,
                "reported at a step from " + failure.modelBefore().size() + " to " + failure.modelAfter().size() + " pieces");
        assertFirstFailure(SelfCheckFailsWhenLarge::new, report);
    }

    @Test
    void aQueryThatChangesALargeMapIsReportedAtThatQuery() {
        for (long seed = 1; seed <= 3; seed++) {
            RandomRun.Report report = RandomRun.run(CONFIG, ReadAllocatesWhenLarge::new, Checks.standard(),
                    Weights.defaults(), seed, 2000, new Statistics(), FRAGMENTING);
            StepRecord failure = report.failure();
            assertNotNull(failure, "not caught on seed " + seed);
            assertTrue(failure.action() instanceof ReadAction, "reported at " + failure.action());
            assertEquals("MemoryMapsAgree", failure.violation().label());
            assertTrue(failure.modelAfter().size() >= BREAKS_AT);
            assertFirstFailure(ReadAllocatesWhenLarge::new, report);
        }
    }

    /** The lockstep itself: on a large map a spread step may leave the self-check out, a full step never does. */
    @Test
    void onALargeMapTheSelfCheckIsLeftOutForAFewStepsOnly() {
        boolean[] broken = {false};
        class BreaksOnRequest extends ForwardingGuestRam implements SelfChecking {
            BreaksOnRequest(Config config) {
                super(config);
            }

            @Override
            public void checkInvariants() {
                if (broken[0]) {
                    throw new IllegalStateException("broken on request");
                }
            }
        }
        Lockstep spread = new Lockstep(CONFIG, BreaksOnRequest::new, Checks.standard());
        Lockstep full = new Lockstep(CONFIG, BreaksOnRequest::new, Checks.standard());
        for (Action a : hundredAllocatedBytes()) {
            assertNull(spread.step(a).violation());
            assertNull(full.step(a).violation());
        }
        broken[0] = true;
        assertEquals("SelfCheck", full.step(new LargestAction()).violation().label());
        int steps = 1;
        while (spread.step(new LargestAction(), true).violation() == null) {
            steps++;
        }
        // 201 pieces: left out while the steps left out are under one in 16 of the pieces
        assertEquals(13, steps);
        assertTrue(spread.skippedAny());
    }

    private static List<Action> hundredAllocatedBytes() {
        List<Action> actions = new java.util.ArrayList<>();
        actions.add(new RegisterAtAction(0, 1 << 20, false));
        for (int i = 0; i < 100; i++) {
            actions.add(new MarkAllocatedAction(2L * i + 1, 1));
        }
        return actions;
    }

    /** Replayed with every check on every step, the run's steps before its failure all pass and its last fails alike. */
    private static void assertFirstFailure(ImplementationFactory factory, RandomRun.Report report) {
        List<Action> actions = report.actions();
        List<StepRecord> replayed = Lockstep.replay(CONFIG, factory, Checks.standard(), actions);
        assertEquals(actions.size(), replayed.size(), "an earlier step fails when checked in full");
        StepRecord last = replayed.get(replayed.size() - 1);
        assertTrue(last.failed(), "passes when checked in full");
        assertEquals(report.failure().violation(), last.violation());
        assertEquals(report.failure().number(), last.number());
    }
}
