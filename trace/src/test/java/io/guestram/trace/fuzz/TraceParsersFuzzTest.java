package io.guestram.trace.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.explorer.ConfigException;
import io.guestram.explorer.ModelConfig;
import io.guestram.explorer.TlaValues;
import io.guestram.trace.fuzz.Fuzzer.Target;
import io.guestram.trace.SpecTrace;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.trace.TraceReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the readers of trace files (JSON Lines, ITF and TLC's JSON dumps), the trace replay and
 * the .cfg / TLA+ value parsers: first every input of the committed corpus under
 * src/test/resources/fuzz/ (seeds and the inputs that once crashed), then {@link Fuzzer#inputs()} mutations of it per parser
 * (docs/fuzzing.md: {@code -Dguestram.fuzz.inputs=N} for a longer run). A crash's input is written to
 * target/fuzz-crashes/ for the corpus.
 */
class TraceParsersFuzzTest {

    private static final Path CORPUS = Path.of("src/test/resources/fuzz");
    private static final Set<Class<? extends Throwable>> ARGUMENT = Set.of(IllegalArgumentException.class);
    private static final Set<Class<? extends Throwable>> CONFIG = Set.of(ConfigException.class);

    /** The file the replay target writes each input to. */
    private static final Path REPLAYED = Path.of("target/fuzz-replayed.jsonl");

    /** A parser and the corpus directory of its seeds. */
    record Case(String corpus, Target target) {
        @Override
        public String toString() {
            return target.name();
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("trace", new Target("trace", TraceParsersFuzzTest::traceRoundTrip,
                        Fuzzer.inputError(ARGUMENT, Pattern.compile("^(trace line \\d+: |trace has no config line$)")))),
                new Case("trace", new Target("replay", TraceParsersFuzzTest::replay,
                        Fuzzer.inputError(CONFIG, Pattern.compile("^" + Pattern.quote(REPLAYED.toString()) + "(:\\d+)?: ")))),
                new Case("itf", new Target("itf", TraceParsersFuzzTest::itfRoundTrip,
                        Fuzzer.inputError(ARGUMENT, Pattern.compile("^(ITF|TLC)( state \\d+)?: ")))),
                new Case("cfg", new Target("cfg", input -> ModelConfig.parse("fuzz", input, "fuzz.cfg"),
                        Fuzzer.inputError(CONFIG, Pattern.compile("^fuzz\\.cfg(:\\d+)?: ")))),
                new Case("tla-state", new Target("tla-state", TraceParsersFuzzTest::stateRoundTrip,
                        Fuzzer.inputError(CONFIG, Pattern.compile("^dump:\\d+: ")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCorpusInputParsesOrFailsAsDocumented(Case c) {
        Fuzzer.regression(c.target(), CORPUS.resolve(c.corpus()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mutatedInputsParseOrFailAsDocumented(Case c) {
        Fuzzer.campaign(c.target(), CORPUS.resolve(c.corpus()));
    }

    /** A trace that parses renders to text that parses to the same trace. */
    private static void traceRoundTrip(String input) {
        JsonTrace.Trace trace = JsonTrace.parse(input);
        assertEquals(trace, JsonTrace.parse(jsonLines(trace.config(), trace.lines())));
    }

    /** Replays the input as a file, unless the model would have to do real work of a size the input merely names. */
    private static void replay(String input) throws Exception {
        if (costly(input)) {
            return;
        }
        Files.writeString(REPLAYED, input);
        TraceReplay.replay(REPLAYED, Optional.empty());
    }

    /** True if some line of the input is a call {@link Fuzzer#costly} would not replay. */
    private static boolean costly(String input) {
        Profile profile = input.contains("sel4") ? Profile.SEL4 : Profile.SPEC;
        for (String raw : input.split("\n")) {
            try {
                Map<String, Object> object = JsonTrace.object(raw);
                if (!object.containsKey("config") && Fuzzer.costly(JsonTrace.parseLine(object).action().call(), profile)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not a call line: replay reports it
            }
        }
        return false;
    }

    /** An ITF trace that parses becomes a JSON Lines trace with the same calls and results. */
    private static void itfRoundTrip(String input) {
        List<JsonTrace.Line> lines = SpecTrace.parse(input).lines();
        assertEquals(lines, JsonTrace.parse(jsonLines(Config.defaults(Profile.SPEC), lines)).lines());
    }

    /** A trace in docs/trace-format.md: the config line, then a line per call. */
    private static String jsonLines(Config config, List<JsonTrace.Line> lines) {
        StringBuilder text = new StringBuilder(JsonTrace.configLine(config)).append('\n');
        lines.forEach(l -> text.append(JsonTrace.line(l.action(), l.expect())).append('\n'));
        return text.toString();
    }

    /** A state that parses has a canonical form that parses to itself. */
    private static void stateRoundTrip(String input) {
        String canonical = TlaValues.canonical(TlaValues.parseState(input, "dump"));
        assertEquals(canonical, TlaValues.canonical(TlaValues.parse(canonical, "canonical")));
    }
}
