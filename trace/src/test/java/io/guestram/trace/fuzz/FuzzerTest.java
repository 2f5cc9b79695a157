package io.guestram.trace.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FuzzerTest {

    private static final List<String> SEEDS = List.of("{\"call\":\"allocate\",\"size\":\"0x10\"}", "register_at 0x10000 0x4000 0");

    private static List<String> inputs(long seed, int count) {
        Mutator m = new Mutator(seed, SEEDS);
        return IntStream.range(0, count).mapToObj(i -> m.next()).toList();
    }

    @Test
    void theSameSeedGivesTheSameInputs() {
        assertEquals(inputs(5, 200), inputs(5, 200));
        assertNotEquals(inputs(5, 200), inputs(6, 200));
    }

    @Test
    void mutationsReachTheEdgesTheParsersMustRefuse() {
        List<String> inputs = inputs(1, 3000);
        assertTrue(inputs.stream().anyMatch(s -> s.contains("18446744073709551616")), "2^64");
        assertTrue(inputs.stream().anyMatch(s -> s.contains("-1")), "a negative number");
        assertTrue(inputs.stream().anyMatch(s -> s.contains("\u0661")), "Arabic-Indic digits");
        assertTrue(inputs.stream().anyMatch(s -> s.contains("[".repeat(1000))), "deep nesting");
        assertTrue(inputs.stream().anyMatch(s -> SEEDS.stream().anyMatch(seed -> seed.startsWith(s) && !seed.equals(s))), "truncation");
        assertTrue(inputs.stream().anyMatch(s -> s.chars().anyMatch(c -> c < 0x20 && c != '\n')), "control characters");
        assertTrue(inputs.stream().anyMatch(s -> s.contains("size:")), "a string's quotes removed");
        assertTrue(inputs.stream().noneMatch(s -> s.chars().anyMatch(c -> Character.isSurrogate((char) c))), "no lone surrogates");
    }

    @Test
    void onlyTheDocumentedInputErrorIsNotACrash() {
        Fuzzer.Documented documented = Fuzzer.inputError(Set.of(IllegalArgumentException.class), Pattern.compile("^line \\d+: "));
        Fuzzer.Target target = new Fuzzer.Target("planted", input -> {
            if (input.contains("npe")) {
                throw new NullPointerException();
            }
            if (input.contains("nfe")) {
                throw new IllegalArgumentException("line 1: bad", new NumberFormatException("For input string"));
            }
            if (input.contains("vague")) {
                throw new IllegalArgumentException("bad");
            }
            if (input.contains("bad")) {
                throw new IllegalArgumentException("line 1: bad");
            }
        }, documented);
        assertNull(Fuzzer.check(target, "fine"));
        assertNull(Fuzzer.check(target, "bad"));
        for (String crash : List.of("npe", "nfe", "vague")) {
            assertNotNull(Fuzzer.check(target, crash), crash);
        }
        List<String> planted = new ArrayList<>(SEEDS);
        planted.add("npe");
        Fuzzer.Report report = Fuzzer.run(target, planted, 500, 1);
        assertEquals(500, report.inputs());
        assertEquals(1, report.crashes().size(), report.summary());
    }
}
