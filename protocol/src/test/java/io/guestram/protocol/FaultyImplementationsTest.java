package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.call.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the driver reports for each fault of {@link FaultyServer}, striking at the second call,
 * {@code allocate 0x10}: the exact words, and that the process and the grandchild it started are
 * gone afterwards. The timeout only guards against a driver that hangs.
 */
@Timeout(1200)
class FaultyImplementationsTest {

    private static final Config CONFIG = Config.defaults(Profile.SPEC);
    private static final List<Call> CALLS = List.of(new Call.RegisterAt(0x10000, 0x4000, false),
            new Call.Allocate(0x10), new Call.Allocate(0x20), new Call.Largest());
    private static final String FIRST = "'register_at 0x10000 0x4000 0'";
    private static final String SECOND = "'allocate 0x10'";

    /**
     * What the tests wait for an answer that comes: long, since a fake JVM on a machine with a load
     * average of 50 has taken more than 20 s to start and answer its first command. Only the
     * hang tests wait for a timeout to pass, and their fake hangs at the first call, so that no
     * answer has to arrive within it.
     */
    private static final Duration PATIENT = Duration.ofMinutes(5);

    static List<String> fake(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                FaultyServer.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the calls on {@code fake} with {@code timeout} until it fails; checks its whole tree is gone. */
    private static String failure(Duration timeout, String... fake) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        ExternalGuestRam.ExternalFailure e = assertThrows(ExternalGuestRam.ExternalFailure.class, () -> {
            try (ExternalGuestRam ram = new ExternalGuestRam(fake(fake), CONFIG, PATIENT, timeout)) {
                tree.addAll(tree(ram));
                tree.forEach(p -> programs.add(program(p)));
                for (Call call : CALLS) {
                    call.apply(ram);
                    ram.memoryMap();
                }
            }
        });
        assertEquals(List.of("java", "sleep"), programs, "the fake and its grandchild");
        assertTrue(ProcessTrees.allGone(tree), "still there: " + ProcessTrees.remaining(tree));
        String prefix = "'" + String.join(" ", fake(fake)) + "' ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertEquals("the process failed: " + e.getMessage(), e.toString(), "what reports print after 'threw'");
        return e.getMessage().substring(prefix.length());
    }

    /** The process and its descendants, now. */
    static List<ProcessHandle> tree(ExternalGuestRam ram) {
        ProcessHandle process = ProcessHandle.of(ram.pid()).orElseThrow();
        return Stream.concat(Stream.of(process), process.descendants()).toList();
    }

    private static String program(ProcessHandle p) {
        return p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
    }

    @Test
    void aCrashIsReportedWithTheCommandTheExitStatusAndTheEndOfStderr() throws Exception {
        assertEquals("closed its output instead of answering " + SECOND + " (exit status 3); "
                + "its last stderr lines: fake: crashing on " + SECOND,
                failure(PATIENT, "crash", "2", "grandchild"));
    }

    /** The per-command timeout of the hang tests: the handshake has its own, and no answer must come within it. */
    private static final Duration HANG = Duration.ofSeconds(2);

    @Test
    void aHangIsReportedAfterTheTimeout() throws Exception {
        assertEquals("did not answer " + FIRST + " within " + HANG.toMillis() + " ms",
                failure(HANG, "hang", "1", "grandchild"));
    }

    @Test
    void aPartialLineBeforeAnExitIsQuoted() throws Exception {
        assertEquals("wrote 'ok 0x' without a newline and then closed its output instead of answering " + SECOND
                + " (exit status 4)", failure(PATIENT, "partial-eof", "2", "grandchild"));
    }

    @Test
    void aPartialLineBeforeSilenceIsQuotedWithTheTimeout() throws Exception {
        // The fake answers the first call (register_at, whose answer is 'ok') with its first half, 'o', and
        // stalls. The timeout must outlast the fake writing it and the driver reading it: 30 s, a bound loose
        // enough for a loaded machine, where the hang test above needs no such bound.
        Duration stall = Duration.ofSeconds(30);
        assertEquals("did not answer " + FIRST + " within " + stall.toMillis() + " ms; it had written 1 byte(s) of a "
                + "line without its newline: 'o'", failure(stall, "partial-stall", "1", "grandchild"));
    }

    @Test
    void anUnrequestedLineIsReportedWithTheCommandItFollowed() throws Exception {
        assertEquals("wrote unrequested output after answering " + SECOND + ": '" + FaultyServer.EXTRA + "'",
                failure(PATIENT, "extra", "2", "grandchild"));
    }

    @Test
    void aHugeLineIsCutAtTheLimitAndReported() throws Exception {
        assertEquals("answered " + SECOND + " with a line longer than " + ExternalGuestRam.MAX_LINE_BYTES
                + " bytes, which begins '" + "a".repeat(BoundedLines.QUOTE) + "...'",
                failure(PATIENT, "huge", "2", "grandchild"));
    }

    @Test
    void aWrongNumberOfValuesIsGarbage() throws Exception {
        assertEquals("answered " + SECOND + " with garbage: 'ok' takes 1 argument(s), got 2: ok 0x10000 0x0",
                failure(PATIENT, "arity", "2", "grandchild"));
    }

    @Test
    void aWellBehavedProcessAndItsChildrenAreGoneAfterClose() throws Exception {
        List<ProcessHandle> tree = new ArrayList<>();
        try (ExternalGuestRam ram = new ExternalGuestRam(fake("none", "0", "grandchild"), CONFIG, PATIENT, PATIENT)) {
            tree.addAll(tree(ram));
            for (Call call : CALLS) {
                assertTrue(call.apply(ram).isOk(), call.toString());
            }
        }
        assertEquals(2, tree.size(), "the fake and its grandchild");
        assertTrue(ProcessTrees.allGone(tree), "still there: " + ProcessTrees.remaining(tree));
    }

    @Test
    void aFailedProcessRefusesFurtherCommands() {
        try (ExternalGuestRam ram = new ExternalGuestRam(fake("crash", "1"), CONFIG, PATIENT, PATIENT)) {
            assertThrows(ExternalGuestRam.ExternalFailure.class, () -> new Call.Largest().apply(ram));
            assertFalse(ram.isAlive());
            ExternalGuestRam.ExternalFailure again = assertThrows(ExternalGuestRam.ExternalFailure.class,
                    () -> new Call.Largest().apply(ram));
            assertTrue(again.getMessage().endsWith("was stopped after an earlier failure; cannot send 'largest'"),
                    again.getMessage());
        }
    }
}
