package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec = model, proven for every configuration in spec/: the committed golden data were made
 * from the spec's current text (SHA-256 of every .tla and .cfg); the explorer agrees with every
 * figure of the manifest (distinct states of the view, states generated, depth, the states each
 * action generated; or the expected violation and its counterexample's length); its reachable
 * states are exactly the states TLC dumped (committed in spec/golden/, compared on the view).
 * Where TLA2TOOLS_JAR is set, TLC runs too, must agree with the manifest on every figure, and
 * its fresh dump must be the committed one.
 */
class SpecAgreementTest {

    static final Path SPEC = Path.of("..", "spec");
    static final Manifest MANIFEST = Manifest.of(SPEC);

    static List<Path> configurations() throws IOException {
        try (Stream<Path> files = Files.list(SPEC)) {
            return files.filter(f -> f.getFileName().toString().matches("MC_.*\\.cfg")).sorted().toList();
        }
    }

    @Test
    void theGoldenDataWereMadeFromTheSpecsCurrentText() {
        List<String> stale = MANIFEST.staleSources(SPEC);
        assertTrue(stale.isEmpty(), () -> String.join("\n", stale));
    }

    /** Apalache reads the constants from the MC module's OVERRIDE_ definitions: they must be the .cfg's. */
    @Test
    void everyModelModuleGivesApalacheTheConstantsOfItsCfg() throws IOException {
        Pattern override = Pattern.compile("(?m)^OVERRIDE_(\\w+) == (.+)$");
        for (Path cfg : configurations()) {
            Path module = cfg.resolveSibling(cfg.getFileName().toString().replaceFirst("\\.cfg$", ".tla"));
            Map<String, String> fromModule = new TreeMap<>();
            Matcher m = override.matcher(Files.readString(module));
            while (m.find()) {
                fromModule.put(m.group(1), TlaValues.canonical(TlaValues.parse(m.group(2), module.toString())));
            }
            Map<String, String> fromCfg = new TreeMap<>();
            Matcher c = Pattern.compile("(?m)^\\s+(Limit|PageSize|Windows|ByteValues) = (.+)$").matcher(Files.readString(cfg));
            while (c.find()) {
                fromCfg.put(c.group(1), TlaValues.canonical(TlaValues.parse(c.group(2), cfg.toString())));
            }
            assertEquals(fromCfg, fromModule, module + ": OVERRIDE_ definitions differ from " + cfg);
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
        List<String> differ = MANIFEST.disagreements(exploration);
        assertTrue(differ.isEmpty(), () -> String.join("\n", differ)
                + (exploration.holds() ? "" : "\n" + exploration.violations().get(0).describe()));
        if (MANIFEST.explorerOnly(config.name())) {
            return; // beyond TLC's reach: no dump, the manifest's counts are the explorer's own
        }
        if (MANIFEST.expectedViolation(config.name()).isPresent()) {
            if (tlc.isPresent()) {
                Tlc.Result result = tlc.get().checkShortest(SPEC, config.name());
                List<String> tlcDiffers = MANIFEST.disagreements(result);
                assertTrue(tlcDiffers.isEmpty(), () -> String.join("\n", tlcDiffers) + "\n" + result.output());
            }
            return;
        }
        Set<String> explored = explorer.reachableStates();
        Set<String> golden = TlcDump.read(SPEC.resolve("golden").resolve(config.name() + ".dump.gz"), config.view());
        assertSameStates(golden, explored, "committed TLC dump", config.name());

        if (tlc.isPresent()) {
            Path dir = Files.createTempDirectory("guestram-dump");
            Tlc.Result result = tlc.get().check(SPEC, config.name(), Optional.of(dir.resolve(config.name())));
            List<String> tlcDiffers = MANIFEST.disagreements(result);
            assertTrue(tlcDiffers.isEmpty(), () -> String.join("\n", tlcDiffers) + "\n" + result.output());
            assertSameStates(TlcDump.read(dir.resolve(config.name() + ".dump"), config.view()), golden,
                    "TLC's fresh dump (the committed golden dump is stale: regenerate it with " + Manifest.REGENERATE + ")",
                    config.name());
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
