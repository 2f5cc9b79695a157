package io.guestram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Profile;
import io.guestram.conformance.report.JsonTrace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorsTest {

    /** Every (call, code) pair of the README's table for profile spec. */
    private static final Map<String, Set<String>> SPEC_CODES = Map.of(
            "register_at", Set.of("OK", "INVALID_RANGE", "OVERLAP"),
            "register", Set.of("OK", "INVALID_RANGE", "NO_SPACE"),
            "mark_allocated", Set.of("OK", "INVALID_RANGE", "NOT_RAM", "ALREADY_ALLOCATED"),
            "allocate", Set.of("OK", "INVALID_RANGE", "NO_SPACE"),
            "free", Set.of("OK", "INVALID_RANGE", "NOT_ALLOCATED"),
            "largest", Set.of("OK", "NO_FREE_REGION"),
            "touch", Set.of("OK", "INVALID_RANGE", "NOT_RAM"),
            "read", Set.of("OK", "INVALID_RANGE", "NOT_RAM"),
            "write", Set.of("OK", "INVALID_RANGE", "NOT_RAM"));

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyVectorFileReplaysClean(Profile profile, @TempDir Path dir) throws Exception {
        var written = Vectors.write(profile, dir);
        assertTrue(Files.exists(dir.resolve("README.txt")));
        assertTrue(Files.exists(dir.resolve("edges.jsonl")));
        for (Path file : written) {
            if (file.toString().endsWith(".jsonl")) {
                var result = TraceReplay.replay(file, Optional.of(profile));
                assertEquals(Optional.empty(), result.divergence(), file.toString());
                assertTrue(result.calls() > 0, file.toString());
                assertTrue(Files.readString(dir.resolve("README.txt")).contains(file.getFileName().toString()));
            }
        }
    }

    /**
     * The spec vectors' expectations come from the reference model; OptimizedGuestRam, which
     * shares no logic with it, must give every one of them (their 2^64 edges are beyond the
     * byte-level oracles' arrays).
     */
    @Test
    void specVectorsAreWhatTheOptimizedImplementationGives(@TempDir Path dir) throws Exception {
        for (Path file : Vectors.write(Profile.SPEC, dir)) {
            if (file.toString().endsWith(".jsonl")) {
                var result = TraceReplay.replay(file, Optional.of(Profile.SPEC), io.guestram.impl.OptimizedGuestRam::new);
                assertEquals(Optional.empty(), result.divergence(), file.toString());
                assertTrue(result.calls() > 0, file.toString());
            }
        }
    }

    @Test
    void specVectorsCoverEveryCallAndCode() {
        Set<String> seen = new TreeSet<>();
        for (var f : Vectors.generate(Profile.SPEC)) {
            for (var line : JsonTrace.parse(f.text()).lines()) {
                var o = line.expect();
                seen.add(line.action().name() + " " + (o.isOk() ? "OK" : o.error().name()));
            }
        }
        Set<String> wanted = new TreeSet<>();
        SPEC_CODES.forEach((call, codes) -> codes.forEach(code -> wanted.add(call + " " + code)));
        wanted.removeAll(seen);
        assertEquals(Set.of(), wanted, "pairs no vector reaches");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void twoRunsGiveIdenticalBytes(Profile profile, @TempDir Path a, @TempDir Path b) throws Exception {
        var first = Vectors.write(profile, a.resolve("v"));
        var second = Vectors.write(profile, b.resolve("v"));
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).getFileName(), second.get(i).getFileName());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(first.get(i)), Files.readAllBytes(second.get(i))),
                    first.get(i).getFileName().toString());
        }
    }
}
