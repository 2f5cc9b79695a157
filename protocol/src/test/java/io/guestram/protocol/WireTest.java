package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void everyCallSurvivesTheRoundTrip() {
        List<Call> calls = List.of(new Call.RegisterAt(U64.MAX, 1, true), new Call.Register(0x1000),
                new Call.MarkAllocated(0, 4), new Call.Allocate(7), new Call.Free(1L << 63, 2), new Call.Largest(),
                new Call.Touch(0x10ffc, 8, 0, 0), new Call.Touch(1, 2, 3, -7), new Call.Read(5, 3),
                new Call.Write(9, new byte[] {1, (byte) 0xff}), new Call.Write(9, new byte[0]));
        for (Call call : calls) {
            assertEquals(call, Wire.parseCommand(Wire.command(call)), Wire.command(call));
        }
    }

    @Test
    void answersSurviveTheRoundTrip() {
        Call touch = new Call.Touch(0x10ffc, 8, 0, 0);
        Outcome walked = new Outcome(null, List.of(-1L), List.of(new Chunk(0x10000, 4, 0)), new byte[0]);
        assertEquals("ok -1 0x10000:0x4:0x0", Wire.answer(touch, walked));
        assertEquals(walked, Wire.parseAnswer(touch, Wire.answer(touch, walked)));
        Outcome largest = Outcome.ok(U64.MAX - 1, 2L);
        assertEquals(largest, Wire.parseAnswer(new Call.Largest(), Wire.answer(new Call.Largest(), largest)));
        assertEquals(Outcome.failed(ErrorCode.NOT_RAM), Wire.parseAnswer(touch, "err NOT_RAM"));
        Outcome read = new Outcome(null, List.of(), List.of(), new byte[] {0, 0x11});
        assertEquals(read, Wire.parseAnswer(new Call.Read(0, 2), Wire.answer(new Call.Read(0, 2), read)));
        assertEquals(Outcome.ok(), Wire.parseAnswer(new Call.Free(0, 1), "ok\r"));
    }

    @Test
    void theHandshakeCarriesTheConfiguration() {
        Config c = new Config(Profile.SEL4, 0xffff, 0x1000, List.of(new Window(0x800, 0x2fff), new Window(0x4000, 0x7fff)));
        assertEquals(c, Wire.parseHello(Wire.hello(c)));
        Config none = Config.bounded(Profile.SPEC, 6, 2, List.of());
        assertEquals(none, Wire.parseHello(Wire.hello(none)));
        assertTrue(Wire.hello(Config.defaults(Profile.SPEC)).endsWith("windows=0x0-0xffffffffffffffff"));
    }

    @Test
    void memoryMapsSurviveTheRoundTrip() {
        List<Piece> map = List.of(new Piece(0, 0xf, false), new Piece(0x10, U64.MAX, true));
        assertEquals(map, Wire.parseMap(Wire.map(map)));
        assertEquals(List.of(), Wire.parseMap("ok"));
    }

    @Test
    void aPieceWhoseLastIsBelowItsFirstWrapsPast2To64AndIsComparedUpToTheTop() {
        assertEquals(List.of(new Piece(0xfffffffffffff000L, U64.MAX, false), new Piece(0x10, 0x1f, true)),
                Wire.parseMap("ok 0xfffffffffffff000:0xfff:f 0x10:0x1f:a"));
    }

    @Test
    void aReadOfNoBytesIsAnsweredOkDash() {
        Outcome none = new Outcome(null, List.of(), List.of(), new byte[0]);
        assertEquals("ok -", Wire.answer(new Call.Read(0x1000, 0), none));
        assertEquals(none, Wire.parseAnswer(new Call.Read(0x1000, 0), "ok -"));
        assertEquals("ok", Wire.answer(new Call.Free(0, 1), Outcome.ok()));
    }

    @Test
    void malformedLinesAreProtocolErrorsQuotingTheLine() {
        for (String bad : List.of("", "frobnicate 1", "allocate", "allocate 1 2", "allocate -1", "allocate 0x1g",
                "register_at 0 1 2", "touch 0 1 0 5", "touch 0 1 1", "write 0 abc", "read 0 0x100000000",
                "allocate 18446744073709551616")) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> Wire.parseCommand(bad), bad);
            assertTrue(bad.isEmpty() || e.getMessage().contains(bad), e.getMessage());
        }
        assertThrows(ProtocolException.class, () -> Wire.parseAnswer(new Call.Allocate(1), "ok"));
        assertThrows(ProtocolException.class, () -> Wire.parseAnswer(new Call.Allocate(1), "err WHATEVER"));
        assertThrows(ProtocolException.class, () -> Wire.parseAnswer(new Call.Allocate(1), "yes 0x1"));
        assertThrows(ProtocolException.class, () -> Wire.parseAnswer(new Call.Touch(0, 1, 0, 0), "ok 0 0x0:0x1"));
        assertThrows(ProtocolException.class, () -> Wire.parseAnswer(new Call.Read(0, 2), "ok 00"));
        assertThrows(ProtocolException.class, () -> Wire.parseHello("hello 2 profile=spec page=0x1 last=0x1 windows=none"));
        assertThrows(ProtocolException.class, () -> Wire.parseHello("hello 1 profile=spec page=0x3 last=0x1 windows=none"));
        assertThrows(ProtocolException.class, () -> Wire.parseHello("hello 1 profile=spec page=0x1 last=0x9 windows=0x0-0x1,"));
        assertThrows(ProtocolException.class, () -> Wire.parseCommand("allocate \u0661\u0662"), "ASCII digits only");
    }
}
