package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.explorer.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One vocabulary across the commands' JSON: every key a schema under docs/schemas/ names is
 * camelCase, and one concept has one key everywhere (no command says transitions where another
 * says statesGenerated). Since the schemas forbid keys they do not list and JsonSchemaTest holds
 * the real output to them, this holds for the output too. Names that are data (call names such as
 * register_at, error codes, subjects, n) are maps' keys, not properties, and are not vocabulary.
 */
class JsonVocabularyTest {

    /** Each row: the one key a concept has, then the synonyms that must not appear beside or instead of it. */
    private static final List<List<String>> CONCEPTS = List.of(
            List.of("passed", "holds", "ok", "success", "divergent", "conforms"),
            List.of("statesGenerated", "transitions", "generated", "generatedStates"),
            List.of("distinctStates", "states", "stateCount", "distinct"),
            List.of("seconds", "elapsedMs", "elapsed", "millis", "durationMs", "time"),
            List.of("tlcVersion", "version"),
            List.of("actionsPerSecond", "actionsPerSec", "rate"),
            List.of("originalLength", "unshrunkLength", "lengthBefore"));

    /** key -> the schema files that name it. */
    private static Map<String, Set<String>> keys() throws IOException {
        Map<String, Set<String>> keys = new TreeMap<>();
        try (Stream<Path> files = Files.list(Schemas.DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList()) {
                collect(Json.parse(Files.readString(file)), file.getFileName().toString(), keys);
            }
        }
        return keys;
    }

    private static void collect(Object node, String file, Map<String, Set<String>> keys) {
        if (node instanceof Map<?, ?> object) {
            if (object.get("properties") instanceof Map<?, ?> properties) {
                properties.keySet().forEach(k -> keys.computeIfAbsent((String) k, x -> new TreeSet<>()).add(file));
            }
            object.values().forEach(v -> collect(v, file, keys));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, file, keys));
        }
    }

    @Test
    void theSchemasCoverEveryCommandWithJsonOutput() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(Schemas.DIR)) {
            list.forEach(f -> files.add(f.getFileName().toString()));
        }
        for (String command : List.of("check", "explore", "tlc", "conform", "check-trace", "bench")) {
            assertTrue(files.contains(command + ".schema.json"), command + " has no schema in " + files);
        }
    }

    @Test
    void everyKeyIsCamelCase() throws IOException {
        Map<String, Set<String>> keys = keys();
        assertTrue(keys.size() > 40, "the schemas name " + keys.size() + " keys");
        List<String> bad = keys.keySet().stream().filter(k -> !k.matches("[a-z][a-zA-Z0-9]*")).toList();
        assertEquals(List.of(), bad, "not camelCase");
    }

    @Test
    void oneConceptOneKey() throws IOException {
        Map<String, Set<String>> keys = keys();
        for (List<String> concept : CONCEPTS) {
            assertTrue(keys.containsKey(concept.get(0)), concept.get(0) + " is the key for this concept, and no schema uses it");
            for (String synonym : concept.subList(1, concept.size())) {
                assertTrue(!keys.containsKey(synonym), synonym + " (in " + keys.get(synonym) + ") says what "
                        + concept.get(0) + " says: use " + concept.get(0));
            }
        }
    }
}
