package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Progress draws on one line and clears it; off (not a terminal, or --json) it prints nothing at all. */
class TerminalProgressTest {

    @Test
    void offItPrintsNothing() {
        StringWriter err = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(err, true), false, 0);
        p.progress("conform", 5, 10);
        p.progress("explore", 4096, 0);
        p.ticker("tlc").stop();
        p.log().println("bench: JMH");
        p.close();
        assertEquals("", err.toString());
    }

    @Test
    void aBarThenACountThenCleared() {
        StringWriter err = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(err, true), true, 0);
        p.progress("random", 5, 10);
        assertTrue(err.toString().startsWith("\rrandom [###############               ]  50% 5/10"), err.toString());
        p.progress("random", 10, 10); // finished: the line is cleared
        assertTrue(err.toString().endsWith("\r" + " ".repeat("random [###############               ]  50% 5/10".length()) + "\r"),
                err.toString());
        p.close();
    }

    @Test
    void aLogLineClearsTheProgressLineFirst() throws Exception {
        StringWriter err = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(err, true), true, 0);
        p.progress("explore MC_Small, distinct states", 4096, 0);
        String drawn = err.toString();
        assertTrue(drawn.startsWith("\rexplore MC_Small, distinct states: 4,096 ("), drawn);
        p.log().println("bench: heap per piece");
        String after = err.toString().substring(drawn.length());
        assertEquals("\r" + " ".repeat(drawn.length() - 1) + "\rbench: heap per piece" + System.lineSeparator(), after);
    }

    @Test
    void quietForShortWork() {
        StringWriter err = new StringWriter();
        TerminalProgress p = new TerminalProgress(new PrintWriter(err, true), true, Long.MAX_VALUE);
        p.progress("random", 5, 10);
        p.close();
        assertEquals("", err.toString());
    }
}
