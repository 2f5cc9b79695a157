package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.trace.fuzz.Fuzzer;
import io.guestram.trace.fuzz.Fuzzer.Target;
import io.guestram.model.Models;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes both sides of the driver protocol: the commands the server parses, the answers and memory
 * maps the driver parses, the handshake, and whole sessions served by {@link ProtocolServer}. The
 * corpus is src/test/resources/fuzz/TARGET/; docs/fuzzing.md says how to run longer.
 */
class ProtocolFuzzTest {

    private static final Path CORPUS = Path.of("src/test/resources/fuzz");

    /** A ProtocolException that quotes the line it could not read. */
    private static final Fuzzer.Documented QUOTES_THE_LINE = (input, thrown) -> thrown.getClass() == ProtocolException.class
            && thrown.getMessage() != null && (thrown.getMessage().contains(input) || thrown.getMessage().equals("empty line"));

    static Stream<Target> targets() {
        return Stream.of(
                new Target("command", input -> {
                    Call call = Wire.parseCommand(input);
                    assertEquals(call, Wire.parseCommand(Wire.command(call)));
                }, QUOTES_THE_LINE),
                new Target("answer", ProtocolFuzzTest::answerRoundTrip, (input, thrown) ->
                        QUOTES_THE_LINE.test(input.substring(input.indexOf('\n') + 1), thrown)),
                new Target("hello", input -> {
                    Config config = Wire.parseHello(input);
                    assertEquals(config, Wire.parseHello(Wire.hello(config)));
                }, QUOTES_THE_LINE),
                new Target("map", input -> assertEquals(Wire.parseMap(input), Wire.parseMap(Wire.map(Wire.parseMap(input)))),
                        QUOTES_THE_LINE),
                new Target("session", ProtocolFuzzTest::serve, (input, thrown) -> false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyCorpusInputParsesOrFailsAsDocumented(Target target) {
        Fuzzer.regression(target, CORPUS.resolve(target.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void mutatedInputsParseOrFailAsDocumented(Target target) {
        Fuzzer.campaign(target, CORPUS.resolve(target.name()));
    }

    /** Input: a command line, then the answer to it. An answer that parses writes back to the same outcome. */
    private static void answerRoundTrip(String input) {
        int newline = input.indexOf('\n');
        Call call;
        try {
            call = Wire.parseCommand(newline < 0 ? input : input.substring(0, newline));
        } catch (ProtocolException e) {
            return; // the command target's business
        }
        Outcome outcome = Wire.parseAnswer(call, input.substring(newline + 1));
        assertEquals(outcome, Wire.parseAnswer(call, Wire.answer(call, outcome)));
    }

    /**
     * Serves the input as a session with the reference model: the server never throws, answers every
     * non-blank line up to quit with exactly one line of the protocol's forms, and nothing else.
     */
    private static void serve(String input) throws IOException {
        List<String> lines = new BufferedReader(new StringReader(input)).lines().toList();
        if (lines.stream().anyMatch(line -> costly(line, input))) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ProtocolServer(Models::reference).serve(new BufferedReader(new StringReader(input)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> answers = new BufferedReader(new StringReader(bytes.toString(StandardCharsets.UTF_8))).lines().toList();
        long expected = 0;
        for (String line : lines) {
            expected += line.isBlank() ? 0 : 1;
            if (line.strip().split(" +")[0].equals("quit")) {
                break;
            }
        }
        assertEquals(expected, answers.size(), "one answer per command");
        for (String answer : answers) {
            assertTrue(answer.matches("(?s)(hello 1|bye|ok( .*)?|err [A-Z_]+|proto-error .*)"), answer);
        }
    }

    private static boolean costly(String line, String session) {
        try {
            return Fuzzer.costly(Wire.parseCommand(line), session.contains("sel4") ? Profile.SEL4 : Profile.SPEC);
        } catch (ProtocolException | IllegalArgumentException e) {
            return false;
        }
    }
}
