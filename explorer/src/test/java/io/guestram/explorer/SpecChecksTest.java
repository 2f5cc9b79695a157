package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The explorer's checks must reject wrong steps, or agreement with them would prove nothing. */
class SpecChecksTest {

    private final SpecChecks checks = new SpecChecks(
            Config.bounded(Profile.SPEC, 6, 2, List.of(new Window(0, 5))), 2);

    private static SpecState state(long registered, long allocated, Call call, Outcome outcome) {
        return new SpecState(registered, allocated, new byte[6], call, outcome);
    }

    private boolean follows(SpecState before, SpecState after) {
        return checks.property("ResultsFollowTable").orElseThrow().test(before, after);
    }

    @Test
    void allocateMustTakeTheLowestFit() {
        SpecState before = state(0b111111, 0b000010, null, Outcome.ok());
        Call call = new Call.Allocate(1);
        assertTrue(follows(before, state(0b111111, 0b000011, call, Outcome.ok(0L))));
        assertFalse(follows(before, state(0b111111, 0b000110, call, Outcome.ok(2L))), "not the lowest fit");
    }

    @Test
    void errorsMustComeInTheTablesOrder() {
        SpecState before = state(0b000011, 0b000011, null, Outcome.ok());
        Call call = new Call.MarkAllocated(1, 2);
        assertTrue(follows(before, state(0b000011, 0b000011, call, Outcome.failed(ErrorCode.NOT_RAM))));
        assertFalse(follows(before, state(0b000011, 0b000011, call, Outcome.failed(ErrorCode.ALREADY_ALLOCATED))));
    }

    @Test
    void aRejectedCallMustChangeNothing() {
        SpecState before = state(0b000011, 0, null, Outcome.ok());
        SpecState after = state(0b000111, 0, new Call.RegisterAt(1, 2, false), Outcome.failed(ErrorCode.OVERLAP));
        assertFalse(checks.property("RejectedCallChangesNothing").orElseThrow().test(before, after));
        assertFalse(follows(before, after));
    }

    @Test
    void largestFreeMustBeTheLowestOfTheLongest() {
        // free bytes: 0..1 and 4..5 (two runs of 2); the lowest must be reported.
        long registered = 0b111111;
        long allocated = 0b001100;
        var inv = checks.invariant("LargestFreeIsMaximal").orElseThrow();
        assertTrue(inv.test(state(registered, allocated, new Call.Largest(), Outcome.ok(0L, 2L))));
        assertFalse(inv.test(state(registered, allocated, new Call.Largest(), Outcome.ok(4L, 2L))), "tie to the higher");
        assertFalse(inv.test(state(registered, allocated, new Call.Largest(), Outcome.ok(0L, 1L))), "not maximal");
    }

    @Test
    void touchChunksMustStopAtPageBoundaries() {
        var inv = checks.invariant("TouchChunksPartitionRange").orElseThrow();
        Call touch = new Call.Touch(1, 3, 0, 0);
        Outcome good = new Outcome(null, List.of(0L), List.of(new Chunk(1, 1, 0), new Chunk(2, 2, 1)), new byte[0]);
        Outcome offByOne = new Outcome(null, List.of(0L), List.of(new Chunk(1, 2, 0), new Chunk(3, 1, 2)), new byte[0]);
        assertTrue(inv.test(state(0b1111, 0, touch, good)));
        assertFalse(inv.test(state(0b1111, 0, touch, offByOne)));
    }
}
