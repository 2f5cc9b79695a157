package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.model.Models;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolServerTest {

    private static List<String> serve(String input) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new ProtocolServer(Models::reference).serve(new BufferedReader(new StringReader(input)), out);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aLineTooLongIsAProtocolErrorAndTheSessionGoesOn() throws Exception {
        String hello = Wire.hello(Config.defaults(Profile.SPEC));
        Call register = new Call.RegisterAt(0, 16, false);
        GuestRam model = Models.reference(Config.defaults(Profile.SPEC));
        List<String> answers = serve(hello + "\n" + "register_at 0x0 " + "1".repeat(ProtocolServer.MAX_LINE) + "\r\n"
                + Wire.command(register) + "\r\n" + Wire.command(new Call.Largest()) + "\nquit\n");
        assertEquals(List.of("hello " + Wire.VERSION, "proto-error a line longer than " + ProtocolServer.MAX_LINE + " characters",
                Wire.answer(register, register.apply(model)), Wire.answer(new Call.Largest(), new Call.Largest().apply(model)),
                "bye"), answers);
    }

    @Test
    void aLineOfExactlyTheLimitIsServedAndTheLastLineNeedsNoEnd() throws Exception {
        String hello = Wire.hello(Config.defaults(Profile.SPEC));
        String padded = "largest" + " ".repeat(ProtocolServer.MAX_LINE - "largest".length());
        assertEquals(List.of("hello " + Wire.VERSION, "err NO_FREE_REGION"), serve(hello + "\n" + padded));
    }
}
