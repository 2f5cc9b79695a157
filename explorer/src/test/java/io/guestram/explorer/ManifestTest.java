package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec/golden/manifest.json: written and read back, and bound to the text it was made from. */
class ManifestTest {

    @TempDir
    Path dir;

    /** A copy of spec/'s .tla and .cfg files with a manifest made from them. */
    private Manifest copyOfTheSpec() throws IOException {
        try (Stream<Path> files = Files.list(SpecAgreementTest.SPEC)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tla") || name.endsWith(".cfg")) {
                    Files.copy(f, dir.resolve(name));
                }
            }
        }
        return new Manifest("test", Manifest.hashes(dir), List.of());
    }

    @Test
    void oneChangedCharacterOfTheSpecOrOfACfgNamesTheFileAndTheRegenerateCommand() throws IOException {
        Manifest manifest = copyOfTheSpec();
        assertEquals(List.of(), manifest.staleSources(dir));
        for (String file : List.of("GuestRam.tla", "MC_Small.cfg")) {
            Path f = dir.resolve(file);
            String text = Files.readString(f);
            Files.writeString(f, text.replaceFirst("Limit", "Limi7"));
            List<String> stale = manifest.staleSources(dir);
            assertEquals(1, stale.size(), stale.toString());
            assertTrue(stale.get(0).startsWith("spec/" + file + " changed since spec/golden/manifest.json was made"), stale.get(0));
            assertTrue(stale.get(0).contains("./guestram tlc --update"), stale.get(0));
            Files.writeString(f, text);
        }
        Files.writeString(dir.resolve("MC_New.cfg"), "CONSTANTS\n");
        assertTrue(manifest.staleSources(dir).get(0).startsWith("spec/MC_New.cfg is new"), manifest.staleSources(dir).toString());
    }

    @Test
    void everyFigureSurvivesWritingAndReading() {
        Manifest.Entry passing = new Manifest.Entry("MC_A", Optional.of(625L), Optional.of(137268L), Optional.of(8),
                Map.of("Read", 15625L, "Write", 31250L), Optional.empty(), Optional.empty(), false, Optional.of(12.5),
                Optional.of(30.0), Optional.of(2.9));
        Manifest.Entry broken = new Manifest.Entry("MC_B", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.of("WritesStoreTheirData"), Optional.of(2), false, Optional.of(1.0), Optional.empty(), Optional.empty());
        Manifest.Entry big = new Manifest.Entry("MC_C", Optional.of(1L), Optional.of(2L), Optional.of(1), Map.of(),
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty(), Optional.of(40.0));
        Manifest m = new Manifest("2026.11", Map.of("GuestRam.tla", "ab12"), List.of(passing, broken, big));
        Manifest back = Manifest.parse(m.toJson(), "test");
        assertEquals(List.of(passing, broken, big), back.entries());
        assertEquals(Map.of("GuestRam.tla", "ab12"), back.sources());
        assertEquals("2026.11", back.tlcVersion());
        assertTrue(back.explorerOnly("MC_C"));
    }

    @Test
    void theExplorerMustAgreeOnEveryFigure() {
        Manifest m = new Manifest("", Map.of(), List.of(new Manifest.Entry("MC_A", Optional.of(10L), Optional.of(100L),
                Optional.of(4), Map.of("Read", 60L, "Write", 39L), Optional.empty(), Optional.empty(), false,
                Optional.empty(), Optional.empty(), Optional.empty())));
        Exploration same = new Exploration("MC_A", 10, 100, 4, Map.of("Read", 60L, "Write", 39L), List.of(), 1.0);
        assertEquals(List.of(), m.disagreements(same));
        Exploration deeper = new Exploration("MC_A", 10, 100, 5, Map.of("Read", 60L, "Write", 39L), List.of(), 1.0);
        assertEquals(List.of("MC_A: depth: the manifest has 4, found 5"), m.disagreements(deeper));
        Exploration otherSplit = new Exploration("MC_A", 10, 100, 4, Map.of("Read", 61L, "Write", 38L), List.of(), 1.0);
        assertTrue(m.disagreements(otherSplit).get(0).startsWith("MC_A: transitionsByAction"), m.disagreements(otherSplit).toString());
        Exploration unknown = new Exploration("MC_Z", 10, 100, 4, Map.of(), List.of(), 1.0);
        assertTrue(m.disagreements(unknown).get(0).contains("not in the manifest"));
    }

    @Test
    void aManifestThatIsNotOneIsAnErrorNamingTheFile() {
        ConfigException e = assertThrows(ConfigException.class, () -> Manifest.parse("[1, 2]", "spec/golden/manifest.json"));
        assertTrue(e.getMessage().startsWith("spec/golden/manifest.json: not a guestram manifest"), e.getMessage());
    }
}
