package io.guestram.conformance.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec = model, proven for every configuration in spec/: the explorer's reachable states are
 * exactly the states TLC dumped (committed in spec/golden/), their number, the transitions and the
 * depth are TLC's as the manifest records them, and
 * every invariant and property holds. Where TLA2TOOLS_JAR is set, TLC runs too and the committed
 * dump must still be what it prints.
 */
class SpecAgreementTest {

    static final Path SPEC = Path.of("..", "spec");
    static final Manifest MANIFEST = Manifest.of(SPEC);

    static List<Path> configurations() throws IOException {
        try (Stream<Path> files = Files.list(SPEC)) {
            return files.filter(f -> f.getFileName().toString().matches("MC_.*\\.cfg")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> explorerAgreesWithTlcOnEveryConfiguration() throws IOException {
        List<Path> configs = configurations();
        assertFalse(configs.isEmpty(), "no spec/MC_*.cfg found from " + SPEC.toAbsolutePath());
        Optional<Tlc> tlc = Tlc.fromEnvironment();
        if (tlc.isEmpty()) {
            System.out.println(Tlc.skipNotice());
        }
        return configs.stream().map(cfg -> DynamicTest.dynamicTest(cfg.getFileName().toString(), () -> agree(cfg, tlc)));
    }

    private static void agree(Path cfg, Optional<Tlc> tlc) throws Exception {
        ModelConfig config = ModelConfig.read(cfg);
        Explorer explorer = new Explorer(config);
        Exploration exploration = explorer.run();
        Optional<String> expected = MANIFEST.expectedViolation(config.name());
        if (expected.isPresent()) {
            agreeOnViolation(config, exploration, expected.get(), tlc);
            return;
        }
        assertTrue(exploration.holds(), () -> exploration.violations().get(0).describe());

        Set<String> explored = explorer.reachableStates();
        Set<String> golden = TlcDump.read(SPEC.resolve("golden").resolve(config.name() + ".dump.gz"));
        assertSameStates(golden, explored, "committed TLC dump", config.name());
        // TLC's three figures as recorded in the manifest, so that they are compared on every build, TLC or not.
        assertEquals(MANIFEST.distinctStates(config.name()).orElseThrow(), exploration.distinctStates(),
                "manifest distinctStates");
        assertEquals(MANIFEST.statesGenerated(config.name()).orElseThrow(), exploration.statesGenerated(),
                "manifest statesGenerated");
        assertEquals(MANIFEST.depth(config.name()).orElseThrow(), exploration.depth(), "manifest depth");

        if (tlc.isPresent()) {
            Path dir = Files.createTempDirectory("guestram-dump");
            Tlc.Result result = tlc.get().check(SPEC, config.name(), Optional.of(dir.resolve(config.name())));
            assertTrue(result.passed(), () -> "TLC failed on " + config.name() + ":\n" + result.output());
            assertEquals(result.distinctStates(), exploration.distinctStates(), "TLC's distinct states");
            assertEquals(result.statesGenerated(), exploration.statesGenerated(), "TLC's states generated");
            assertEquals(result.depth(), exploration.depth(), "TLC's depth");
            assertSameStates(TlcDump.read(dir.resolve(config.name() + ".dump")), golden,
                    "TLC's fresh dump (the committed golden dump is stale: regenerate it, see spec/README.md)", config.name());
        }
    }

    /**
     * A configuration that states a promise the profile breaks: the explorer and TLC must both
     * find it broken, with shortest counterexamples of the recorded length (TLC's trace counts
     * states, the initial one included).
     */
    private static void agreeOnViolation(ModelConfig config, Exploration exploration, String property,
            Optional<Tlc> tlc) throws Exception {
        assertFalse(exploration.holds(), config.name() + " was expected to violate " + property);
        Violation found = exploration.violations().get(0);
        assertEquals(property, found.property(), found.describe());
        int length = MANIFEST.counterexampleCalls(config.name()).orElseThrow();
        assertEquals(length, found.path().size(), found.describe());
        if (tlc.isPresent()) {
            Tlc.Result result = tlc.get().checkShortest(SPEC, config.name());
            assertEquals(Optional.of(property), result.violated(), result.output());
            assertEquals(length + 1, result.traceStates(), result.output());
        }
    }

    private static void assertSameStates(Set<String> expected, Set<String> actual, String what, String config) {
        if (expected.equals(actual)) {
            return;
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        throw new AssertionError(String.format("%s: %d states in the %s, %d explored; %d missing, e.g. %s; %d extra, e.g. %s",
                config, expected.size(), what, actual.size(), missing.size(), first(missing), extra.size(), first(extra)));
    }

    private static List<String> first(Set<String> states) {
        return new ArrayList<>(states).subList(0, Math.min(3, states.size()));
    }
}
