package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.model.ReferenceModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalGuestRamTest {

    private static final Config CONFIG = Config.defaults(Profile.SPEC);

    private static List<String> javaServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), ServeReferenceModel.class.getName());
    }

    private static List<String> script(String body) {
        return List.of("sh", "-c", body);
    }

    @Test
    void aServedModelAnswersExactlyAsTheModelDoes() {
        List<Call> calls = List.of(new Call.RegisterAt(0x10000, 0x3000, false), new Call.Allocate(0x1800),
                new Call.Write(0x10ffc, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), new Call.Read(0x10ffe, 4),
                new Call.Touch(0x10ffc, 0x1008, 2, 9), new Call.Free(0x10000, 0x10), new Call.Largest(),
                new Call.Free(0, 1), new Call.RegisterAt(0x10000, 0, false));
        ReferenceModel model = new ReferenceModel(CONFIG);
        try (ExternalGuestRam external = new ExternalGuestRam(javaServer(), CONFIG, Duration.ofMinutes(5), Duration.ofMinutes(5))) {
            for (Call call : calls) {
                assertEquals(call.apply(model), call.apply(external), call.toString());
                assertEquals(model.memoryMap(), external.memoryMap());
            }
            external.reset();
            assertEquals(List.<Piece>of(), external.memoryMap());
            assertEquals(Outcome.failed(ErrorCode.NO_FREE_REGION), new Call.Largest().apply(external));
        }
    }

    @Test
    void aProcessThatCrashesIsReportedWithItsStatusAndStderr() {
        ExternalGuestRam.ExternalFailure e = assertThrows(ExternalGuestRam.ExternalFailure.class, () -> {
            try (ExternalGuestRam r = new ExternalGuestRam(
                    script("read hello; echo 'hello 1'; read cmd; echo 'segfault here' >&2; exit 139"), CONFIG, Duration.ofMinutes(5), Duration.ofMinutes(5))) {
                new Call.Allocate(1).apply(r);
            }
        });
        assertTrue(e.getMessage().contains("allocate 0x1") && e.getMessage().contains("139")
                && e.getMessage().contains("segfault here"), e.getMessage());
    }

    @Test
    void aProcessThatHangsTimesOut() {
        long started = System.nanoTime();
        ExternalGuestRam.ExternalFailure e = assertThrows(ExternalGuestRam.ExternalFailure.class, () -> {
            try (ExternalGuestRam r = new ExternalGuestRam(
                    script("read hello; echo 'hello 1'; sleep 300"), CONFIG, Duration.ofMinutes(5), Duration.ofMillis(300))) {
                new Call.Largest().apply(r);
            }
        });
        assertTrue(e.getMessage().contains("did not answer 'largest' within 300 ms"), e.getMessage());
        // Far below the hung process's 300 s, and far above what a loaded machine needs to give up on it.
        assertTrue(System.nanoTime() - started < 120_000_000_000L, "the driver must not wait for the hung process");
    }

    @Test
    void theHandshakeHasItsOwnTimeout() {
        // Slow to start (6 s), then quick: a per-command timeout (5 s) shorter than the start-up does not fail it.
        try (ExternalGuestRam r = new ExternalGuestRam(
                script("sleep 6; read hello; echo 'hello 1'; read c; echo 'err NO_FREE_REGION'"), CONFIG,
                Duration.ofMinutes(5), Duration.ofSeconds(5))) {
            assertEquals(Outcome.failed(ErrorCode.NO_FREE_REGION), new Call.Largest().apply(r));
        }
        ExternalGuestRam.ExternalFailure e = assertThrows(ExternalGuestRam.ExternalFailure.class,
                () -> new ExternalGuestRam(script("sleep 300"), CONFIG, Duration.ofMillis(300), Duration.ofSeconds(60)));
        assertTrue(e.getMessage().contains("did not answer 'hello 1 ") && e.getMessage().contains("within 300 ms"),
                e.getMessage());
    }

    @Test
    void garbageAndProtocolErrorsAreReportedWithTheCommand() {
        ExternalGuestRam.ExternalFailure garbage = assertThrows(ExternalGuestRam.ExternalFailure.class, () -> {
            try (ExternalGuestRam r = new ExternalGuestRam(
                    script("read hello; echo 'hello 1'; read c; echo 'ok banana'; sleep 5"), CONFIG, Duration.ofMinutes(5), Duration.ofMinutes(5))) {
                new Call.Allocate(1).apply(r);
            }
        });
        assertTrue(garbage.getMessage().contains("garbage") && garbage.getMessage().contains("banana"), garbage.getMessage());
        // A proto-error answer to hello refuses the configuration: not a fault, the campaign skips it.
        io.guestram.ConfigurationRefusedException handshake = assertThrows(io.guestram.ConfigurationRefusedException.class,
                () -> new ExternalGuestRam(script("read hello; echo 'proto-error no sel4 here'"), CONFIG, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        assertEquals("no sel4 here", handshake.getMessage());
        ExternalGuestRam.ExternalFailure missing = assertThrows(ExternalGuestRam.ExternalFailure.class,
                () -> new ExternalGuestRam(List.of("/nonexistent/impl"), CONFIG, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        assertTrue(missing.getMessage().contains("cannot start"), missing.getMessage());
    }
}
