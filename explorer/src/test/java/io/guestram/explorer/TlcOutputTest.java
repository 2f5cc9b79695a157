package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TLC's output, as TLC 2026 prints it, read into counts and violations. */
class TlcOutputTest {

    @Test
    void aPassingRunGivesItsCounts() {
        Tlc.Result r = Tlc.parse("MC_Small", 0, """
                TLC2 Version 2026.11.25.085427 (rev: cc6b616)
                Model checking completed. No error has been found.
                1,349,187 states generated, 9,480 distinct states found, 0 states left on queue.
                The depth of the complete state graph search is 6.
                """, 1.0);
        assertTrue(r.passed());
        assertEquals(1_349_187, r.statesGenerated());
        assertEquals(9_480, r.distinctStates());
        assertEquals(6, r.depth());
        assertEquals("2026.11.25.085427", r.version());
        assertEquals(Optional.empty(), r.violated());
    }

    @Test
    void aViolationGivesThePropertyAndTheTraceLength() {
        Tlc.Result r = Tlc.parse("MC_X", 13, """
                Error: Action property FreeReleasesTheRange is violated.
                Error: The behavior up to this point is:
                State 1: <Initial predicate>
                State 2: <Next line 5, col 9 to line 5, col 27 of module A>
                State 3: <Next line 5, col 9 to line 5, col 27 of module A>
                """, 1.0);
        assertFalse(r.passed());
        assertEquals(Optional.of("FreeReleasesTheRange"), r.violated());
        assertEquals(3, r.traceStates());
        Tlc.Result inv = Tlc.parse("MC_X", 12, "Error: Invariant TouchOfRegisteredRamSucceeds is violated.\n", 1.0);
        assertEquals(Optional.of("TouchOfRegisteredRamSucceeds"), inv.violated());
    }

    @Test
    void theCoverageReportGivesTheStatesEachActionGenerated() {
        Tlc.Result r = Tlc.parse("MC_T", 0, """
                Progress(3) at 2026-11-30 23:23:44: 651 states generated, 9 distinct states found
                The coverage statistics at 2026-11-30 23:23:44 (see https://explain.tlapl.us/module-coverage-statistics).
                <allocated line 57, col 5 to line 57, col 13 of module GuestRam>: 4
                <Init line 254, col 1 to line 254, col 4 of module GuestRam>: 1:1
                <RegisterAt line 263, col 1 to line 263, col 19 of module GuestRam (265 5 268 45)>: 3:162
                  line 265, col 5 to line 268, col 45 of module GuestRam: 162
                <Largest line 313, col 1 to line 313, col 7 of module GuestRam>: 0:9
                <Touch line 322, col 1 to line 322, col 14 of module GuestRam (324 5 327 57)>: 0:54
                <Touch line 322, col 1 to line 322, col 14 of module GuestRam>: 2:47
                <TypeOK line 84, col 1 to line 84, col 6 of module GuestRam>
                End of statistics.
                Model checking completed. No error has been found.
                """, 1.0);
        assertEquals(java.util.Map.of("RegisterAt", 162L, "Largest", 9L, "Touch", 101L), r.transitionsByAction());
        assertTrue(r.toJson().contains("\"transitionsByAction\": {\"Largest\": 9, \"RegisterAt\": 162, \"Touch\": 101}"), r.toJson());
    }

    @Test
    void theManifestTellsAnExpectedViolationFromAnUnexpectedOne() {
        Manifest manifest = Manifest.of(java.nio.file.Path.of("..", "spec"));
        String violation = "Error: Action property FreeReleasesTheRange is violated.\nState 1: <Initial predicate>\n";
        String otherViolation = "Error: Invariant TypeOK is violated.\nState 1: <Initial predicate>\n";
        String pass = "Model checking completed. No error has been found.\n";
        String crash = "Error: TLC threw an unexpected exception.\n";
        assertTrue(manifest.expected(Tlc.parse("MC_Sel4FreeLeaks", 12, violation, 1.0)));
        assertFalse(manifest.expected(Tlc.parse("MC_Sel4FreeLeaks", 12, otherViolation, 1.0)));
        assertFalse(manifest.expected(Tlc.parse("MC_Sel4FreeLeaks", 0, pass, 1.0)), "a known bug that TLC no longer finds");
        assertTrue(manifest.expected(Tlc.parse("MC_Small", 0, pass, 1.0)));
        assertFalse(manifest.expected(Tlc.parse("MC_Small", 12, violation, 1.0)));
        assertFalse(manifest.expected(Tlc.parse("MC_Small", 255, crash, 1.0)), "TLC failing without a verdict");
        assertTrue(Tlc.parse("MC_Sel4FreeLeaks", 12, violation, 1.0).summary().contains("TLC found a violation of FreeReleasesTheRange"));
        assertTrue(Tlc.parse("MC_Sel4FreeLeaks", 12, violation, 1.0).toJson().contains("\"violated\": \"FreeReleasesTheRange\""));
    }
}
