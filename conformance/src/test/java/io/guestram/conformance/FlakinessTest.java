package io.guestram.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.conformance.broken.CoinFlipLargest;
import io.guestram.conformance.broken.LargestTiesToHighest;
import io.guestram.conformance.broken.TouchOffByOne;
import io.guestram.model.Models;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A failure that replays do not reproduce every time is reported as flaky, never as a minimal counterexample. */
class FlakinessTest {

    private static final Config FULL = Config.defaults(Profile.SPEC);

    @Test
    void aNondeterministicImplementationIsFlakyNotShrunk() {
        Random coin = new Random(11); // seeded: the test replays the same coin flips every time
        ConformanceResult r = Campaign.of(FULL, c -> new CoinFlipLargest(c, coin)).seed(3).runs(20).actions(100).run();
        assertFalse(r.passed());
        assertEquals(1, r.divergences());
        assertNull(r.counterexample(), "no minimal counterexample for a coin flip");
        Flakiness f = r.flakiness();
        assertEquals(5, f.replays());
        assertTrue(f.reproduced() < f.replays(), f.report());
        assertTrue(r.summary().startsWith("FAILED (flaky)"), r.summary());
        assertTrue(r.summary().contains("FLAKY: " + f.violation().id() + ": the failure reproduced in " + f.reproduced()
                + " of 5 replays of the " + f.program().size() + "-step "), r.summary());
        assertTrue(r.toJson().contains("\"counterexample\":null,\"counterexamples\":[],"), r.toJson());
        assertTrue(r.toJson().contains("\"flaky\":{\"violation\":"), r.toJson());
    }

    @Test
    void aFailureThatNeverComesBackIsFlakyWithTheFailingProgram() {
        AtomicInteger instances = new AtomicInteger();
        ImplementationFactory onlyTheFirstIsBroken = c -> instances.getAndIncrement() == 0
                ? new TouchOffByOne(c) : Models.reference(c);
        ConformanceResult r = Campaign.of(FULL, onlyTheFirstIsBroken).seed(7).runs(1).actions(500).confirmations(3).run();
        Flakiness f = r.flakiness();
        assertNotNull(f, r.summary() + instances);
        assertEquals(0, f.reproduced());
        assertEquals(3, f.replays());
        assertFalse(f.shrunk());
        assertEquals(f.originalLength(), f.program().size(), "the failing program itself, unshrunk");
        assertTrue(f.report().startsWith("FLAKY: " + f.violation().id() + ": the failure reproduced in 0 of 3 replays of the "
                + f.originalLength() + "-step failing program\n"), f.report());
        assertEquals(4, instances.get(), "the campaign's run, then 3 fresh instances");
    }

    @Test
    void aDeterministicFailureIsConfirmedAndShrunk() {
        ConformanceResult r = Campaign.of(FULL, LargestTiesToHighest::new).seed(7).runs(20).actions(100).run();
        assertNull(r.flakiness());
        assertTrue(r.counterexample().length() < r.counterexample().originalLength(), r.summary());
    }
}
