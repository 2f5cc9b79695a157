package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Chunk;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TlcDumpTest {

    private static Set<String> parse(String text) throws Exception {
        return TlcDump.parse(new BufferedReader(new StringReader(text)), "t.dump");
    }

    @Test
    void aStatePrintedByTlcEqualsTheSameStateBuiltByTheExplorer() throws Exception {
        // TLC may order record fields and set elements its own way, and wrap long values over lines.
        String dump = """
                State 1:
                /\\ allocated = {1}
                /\\ contents = <<0, 0, 0, 0>>
                /\\ last = [ op |-> "Touch", args |-> <<1, 3, 0>>, code |-> "OK", ret |-> <<0>>,
                     chunks |-> <<<<1, 1, 0>>, <<2, 2, 1>>>> ]
                /\\ registered = {2, 1, 3, 0}

                """;
        SpecState built = SpecState.of(List.of(new io.guestram.Piece(0, 0, false), new io.guestram.Piece(1, 1, true),
                new io.guestram.Piece(2, 3, false)), new byte[4], new Call.Touch(1, 3, 0, 0),
                new Outcome(null, List.of(0L), List.of(new Chunk(1, 1, 0), new Chunk(2, 2, 1)), new byte[0]));
        assertEquals(Set.of(built.canonical()), parse(dump));
    }

    @Test
    void theInitialStateMatches() throws Exception {
        String dump = """
                State 1:
                /\\ allocated = {}
                /\\ contents = <<0, 0>>
                /\\ last = [op |-> "Init", args |-> <<>>, code |-> "OK", ret |-> <<>>, chunks |-> <<>>]
                /\\ registered = {}
                """;
        assertEquals(Set.of(SpecState.initial(2).canonical()), parse(dump));
    }

    @Test
    void garbageIsReportedWithFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("State 1:\n/\\ registered = {1,\n"));
        assertTrue(e.getMessage().startsWith("t.dump:2"), e.getMessage());
        ConfigException before = assertThrows(ConfigException.class, () -> parse("hello\n"));
        assertTrue(before.getMessage().startsWith("t.dump:1"), before.getMessage());
    }
}
