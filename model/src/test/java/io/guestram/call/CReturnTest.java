package io.guestram.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.guestram.ErrorCode;
import io.guestram.Profile;
import org.junit.jupiter.api.Test;

class CReturnTest {

    @Test
    void failuresBecomeTheirCReturnValuesInProfileSel4() {
        assertEquals(Outcome.ok(0L), CReturn.view(new Call.Register(1), Outcome.failed(ErrorCode.NO_SPACE)));
        assertEquals(Outcome.ok(0L), CReturn.view(new Call.Register(0), Outcome.failed(ErrorCode.INVALID_RANGE)),
                "C cannot tell why register failed");
        assertEquals(Outcome.ok(-1L), CReturn.view(new Call.RegisterAt(0, 0, false), Outcome.failed(ErrorCode.OVERLAP)));
        assertEquals(Outcome.ok(0L), CReturn.view(new Call.RegisterAt(0, 1, false), Outcome.ok()));
        assertEquals(Outcome.ok(0L, 0x10L, 0x20L), CReturn.view(new Call.Largest(), Outcome.ok(0x10L, 0x20L)));
        assertEquals(Outcome.ok(-1L), CReturn.view(new Call.Largest(), Outcome.failed(ErrorCode.NO_FREE_REGION)));
        assertEquals(Outcome.ok(-1L), CReturn.view(new Call.Touch(0, 1, 0, 0), Outcome.failed(ErrorCode.NOT_RAM)));
        assertEquals(Outcome.ok(), CReturn.view(new Call.Free(0, 1), Outcome.failed(ErrorCode.NOT_ALLOCATED)));
    }

    @Test
    void registerFailingAndRegisteringAtZeroLookAlikeInC() {
        Call call = new Call.Register(0x1000);
        Outcome failed = Outcome.failed(ErrorCode.NO_SPACE);
        Outcome atZero = Outcome.ok(0L);
        assertEquals(CReturn.comparable(Profile.SEL4, call, failed), CReturn.comparable(Profile.SEL4, call, atZero));
        assertNotEquals(CReturn.comparable(Profile.SPEC, call, failed), CReturn.comparable(Profile.SPEC, call, atZero));
    }
}
