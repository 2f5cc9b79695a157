package io.guestram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Profile;
import io.guestram.explorer.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReplayTest {

    private static final String CONFIG = "{\"config\":{\"profile\":\"spec\",\"last_address\":\"0xffffffffffffffff\","
            + "\"page_size\":\"0x1000\",\"windows\":[{\"first\":\"0x0\",\"last\":\"0xffffffffffffffff\"}]}}";
    private static final String REGISTER = "{\"call\":\"register_at\",\"start\":\"0x10000\",\"size\":\"0x4000\",\"untyped\":false,\"expect\":{\"code\":\"OK\"}}";
    private static final String FREE_UNALLOCATED = "{\"call\":\"free\",\"start\":\"0x10000\",\"size\":\"0x10\",\"expect\":{\"code\":\"OK\"}}";

    @TempDir
    Path dir;

    private Path trace(String... lines) throws Exception {
        Path file = dir.resolve("t.jsonl");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void aFaithfulTraceReplaysWithoutDivergence() throws Exception {
        List<String> lines = new ArrayList<>(List.of(CONFIG, REGISTER));
        for (int i = 0; i < 1000; i++) {
            lines.add("{\"call\":\"allocate\",\"size\":\"0x10\",\"expect\":{\"code\":\"OK\",\"values\":[\"0x10000\"]}}");
            lines.add("{\"call\":\"free\",\"start\":\"0x10000\",\"size\":\"0x10\",\"expect\":{\"code\":\"OK\"}}");
        }
        TraceReplay.Result r = TraceReplay.replay(trace(lines.toArray(String[]::new)), Optional.empty());
        assertEquals(2001, r.calls());
        assertEquals(Optional.empty(), r.divergence());
    }

    @Test
    void theFirstDivergenceNamesItsLineAndTheMapBeforeIt() throws Exception {
        TraceReplay.Result r = TraceReplay.replay(trace(CONFIG, REGISTER, FREE_UNALLOCATED), Optional.empty());
        String d = r.divergence().orElseThrow();
        assertTrue(d.contains("t.jsonl:3") && d.contains("NOT_ALLOCATED") && d.contains("F[0x10000..0x13fff]"), d);
    }

    @Test
    void libsel4vmsFreeAcceptsWhatTheSpecRejects() throws Exception {
        TraceReplay.Result r = TraceReplay.replay(trace(CONFIG.replace("0x0\",\"last", "0x8000000000000000\",\"last"),
                REGISTER, FREE_UNALLOCATED), Optional.of(Profile.SEL4));
        assertEquals(Optional.empty(), r.divergence(), "sel4's free is a no-op returning nothing");
    }

    @Test
    void badFilesAreErrorsNamingFileAndLine() throws Exception {
        ConfigException noConfig = assertThrows(ConfigException.class, () -> TraceReplay.replay(trace(REGISTER), Optional.empty()));
        assertTrue(noConfig.getMessage().endsWith("t.jsonl:1: the first line must be the config line"), noConfig.getMessage());
        ConfigException garbage = assertThrows(ConfigException.class,
                () -> TraceReplay.replay(trace(CONFIG, "{\"call\":\"allocate\",\"size\":\"-1\"", REGISTER), Optional.empty()));
        assertTrue(garbage.getMessage().contains("t.jsonl:2"), garbage.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> TraceReplay.replay(trace(CONFIG, "{\"call\":\"reboot\",\"expect\":{\"code\":\"OK\"}}"), Optional.empty()));
        assertTrue(unknown.getMessage().contains("t.jsonl:2"), unknown.getMessage());
    }

    @Test
    void crlfLineEndingsReplayAndOverlongLinesAreRefused() throws Exception {
        Path crlf = dir.resolve("crlf.jsonl");
        Files.writeString(crlf, CONFIG + "\r\n" + REGISTER + "\r\n" + FREE_UNALLOCATED + "\r\n");
        assertTrue(TraceReplay.replay(crlf, Optional.empty()).divergence().orElseThrow().contains("crlf.jsonl:3"));
        Path longLine = trace(CONFIG, REGISTER, " ".repeat(TraceLines.MAX_LINE + 1), REGISTER);
        ConfigException e = assertThrows(ConfigException.class, () -> TraceReplay.replay(longLine, Optional.empty()));
        assertTrue(e.getMessage().endsWith("t.jsonl:3: line longer than 1048576 bytes"), e.getMessage());
    }

    @Test
    void theDocumentedExampleReplays() throws Exception {
        String doc = Files.readString(Path.of("../docs/trace-format.md"));
        String example = String.join("\n", doc.substring(0, doc.indexOf("## Test vectors")).lines()
                .filter(line -> line.startsWith("{\"config\"") || line.startsWith("{\"call\"")).toList());
        Path file = dir.resolve("doc.jsonl");
        Files.writeString(file, example);
        TraceReplay.Result r = TraceReplay.replay(file, Optional.empty());
        assertEquals(9, r.calls(), r.summary());
        assertEquals(Optional.empty(), r.divergence(), "the example is the model's");
    }
}
