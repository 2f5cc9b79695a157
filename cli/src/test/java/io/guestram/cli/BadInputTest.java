package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the command line and in the files it names: exit code 2 and one message on stderr
 * naming file:line or the option and the problem, no stack trace unless --debug.
 */
class BadInputTest {

    private static final String CONFIG = "{\"config\":{\"profile\":\"spec\",\"last_address\":\"0xffffffffffffffff\","
            + "\"page_size\":\"0x1000\",\"windows\":[{\"first\":\"0x0\",\"last\":\"0xffffffffffffffff\"}]}}";
    private static final String REGISTER = "{\"call\":\"register_at\",\"start\":\"0x10000\",\"size\":\"0x4000\",\"untyped\":false,"
            + "\"expect\":{\"code\":\"OK\"}}";

    @TempDir
    Path dir;

    /** What a run printed on stderr and the exit code. */
    private record Run(int exit, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        return new Run(exit, err.toString());
    }

    /** Exit 2; stderr is one message (maybe with a hint line) holding every one of {@code expected}, no stack trace. */
    private static void assertUsageError(Run r, String... expected) {
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().startsWith("guestram: "), r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "'" + e + "' in: " + r.err());
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r.err());
        assertTrue(r.err().strip().lines().count() <= 2, "one message: " + r.err());
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Run checkTrace(String... lines) throws Exception {
        return run("check-trace", file("t.jsonl", String.join("\n", lines) + "\n").toString());
    }

    @Test
    void malformedJsonNamesFileAndLine() throws Exception {
        assertUsageError(checkTrace(CONFIG, REGISTER, "{\"call\":\"allocate\",,}"), "t.jsonl:3:", "JSON");
        assertUsageError(checkTrace(CONFIG, "[" .repeat(100_000)), "t.jsonl:2:", "nested deeper");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"free\",\"start\":\"\\u12\"}"), "t.jsonl:2:", "hex digits");
    }

    @Test
    void unknownCallsAndFieldsAreNamed() throws Exception {
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"reboot\",\"expect\":{\"code\":\"OK\"}}"), "t.jsonl:2:", "unknown call 'reboot'");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"allocate\",\"expect\":{\"code\":\"OK\"}}"), "t.jsonl:2:", "missing field 'size'");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"allocate\",\"size\":\"0x1\",\"expect\":{\"code\":\"MAYBE\"}}"), "t.jsonl:2:",
                "'code'", "MAYBE");
        assertUsageError(checkTrace(CONFIG, "{\"call\":7,\"expect\":{\"code\":\"OK\"}}"), "t.jsonl:2:", "'call' must be a string");
        assertUsageError(checkTrace(REGISTER), "t.jsonl:1:", "config line");
    }

    @Test
    void numbersOutOfRangeOrNegativeAreNamed() throws Exception {
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"allocate\",\"size\":\"0x10000000000000000\",\"expect\":{\"code\":\"OK\"}}"),
                "t.jsonl:2:", "'size' must be an unsigned 64-bit number", "0x10000000000000000");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"allocate\",\"size\":\"18446744073709551616\",\"expect\":{\"code\":\"OK\"}}"),
                "t.jsonl:2:", "'size'");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"allocate\",\"size\":\"-1\",\"expect\":{\"code\":\"OK\"}}"), "t.jsonl:2:", "'size'");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"allocate\",\"size\":-1,\"expect\":{\"code\":\"OK\"}}"), "t.jsonl:2:", "'size'");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"allocate\",\"size\":99999999999999999999,\"expect\":{\"code\":\"OK\"}}"),
                "t.jsonl:2:", "beyond 64 bits");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"read\",\"address\":\"0x0\",\"size\":-4,\"expect\":{\"code\":\"OK\"}}"),
                "t.jsonl:2:", "'size' must be an integer from 0 to 2^31 - 1");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"touch\",\"address\":\"0x0\",\"size\":\"0x1\",\"stop_at\":1,\"stop_value\":4294967296,"
                + "\"expect\":{\"code\":\"OK\"}}"), "t.jsonl:2:", "'stop_value' must be a 32-bit integer");
        assertUsageError(checkTrace(CONFIG, "{\"call\":\"touch\",\"address\":\"0x0\",\"size\":\"0x1\",\"stop_at\":1,\"stop_value\":0,"
                + "\"expect\":{\"code\":\"OK\"}}"), "t.jsonl:2:", "touch stop");
        assertUsageError(checkTrace(CONFIG.replace("\"0x1000\"", "\"0x3\"")), "t.jsonl:1:", "page size");
    }

    @Test
    void aTruncatedLastLineNamesItsLine() throws Exception {
        String truncated = String.join("\n", CONFIG, REGISTER, REGISTER.substring(0, 40));
        assertUsageError(run("check-trace", file("t.jsonl", truncated).toString()), "t.jsonl:3:", "JSON");
    }

    @Test
    void binaryGarbageIsAnInputError() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        Path bin = Files.write(dir.resolve("garbage.jsonl"), garbage);
        assertUsageError(run("check-trace", bin.toString()), "garbage.jsonl:");
        Path tail = Files.write(dir.resolve("tail.jsonl"), (CONFIG + "\n" + REGISTER + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(tail, garbage, java.nio.file.StandardOpenOption.APPEND);
        assertUsageError(run("check-trace", tail.toString()), "tail.jsonl:3");
    }

    @Test
    void debugPrintsTheStackTrace() throws Exception {
        Path bad = file("t.jsonl", CONFIG + "\n{\n");
        Run r = run("check-trace", bad.toString(), "--debug");
        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void badItfTracesAreInputErrors() throws Exception {
        assertUsageError(run("check-trace", file("t.itf.json", "{\"states\":[{\"last\":{\"op\":\"Allocate\",\"args\":[]}}]}").toString()),
                "t.itf.json", "ITF state 0", "Allocate's args must have 1 elements");
        assertUsageError(run("check-trace", file("u.itf.json", "{\"states\": 3}").toString()), "u.itf.json", "'states' must be an array");
        Path binary = Files.write(dir.resolve("v.itf.json"), new byte[] {'{', (byte) 0xc3, (byte) 0x28, '}'});
        assertUsageError(run("check-trace", binary.toString()), "v.itf.json", "not UTF-8 text");
    }

    @Test
    void badModelConfigurationsNameFileAndLine() throws Exception {
        String good = "CONSTANTS\n    Limit = 4\n    PageSize = 2\n    Windows = {{0, 1, 2, 3}}\n    ByteValues = 1\nINVARIANT TypeOK\n";
        assertUsageError(run("explore", "--config", file("a.cfg", good.replace("Limit = 4", "Limit = -4")).toString()),
                "a.cfg:2:", "Limit must be a natural number");
        assertUsageError(run("explore", "--config", file("b.cfg", good.replace("= 4\n", "= 99999999999999999999\n")).toString()),
                "b.cfg:2:", "number out of range");
        assertUsageError(run("explore", "--config", file("c.cfg", good.replace("{{0, 1, 2, 3}}", "{{0, 1, 2, 3}")).toString()),
                "c.cfg:4:", "expected '}'");
        assertUsageError(run("explore", "--config", file("d.cfg", good.replace("{{0, 1, 2, 3}}", "{" + "{".repeat(50_000))).toString()),
                "d.cfg:4:", "nested deeper");
        assertUsageError(run("explore", "--config", file("e.cfg", "Limit = 4\n").toString()), "e.cfg:1:", "section keyword");
        assertUsageError(run("explore", "--config", file("f.cfg", good.replace("PageSize = 2", "PageSize = 3")).toString()),
                "f.cfg", "page size");
        assertUsageError(run("explore", "--config", file("g.cfg", good.replace("Windows", "Windoze")).toString()),
                "g.cfg", "unknown constants [Windoze]");
        assertUsageError(run("explore", "--config", dir.resolve("missing.cfg").toString()), "missing.cfg", "cannot read");
        Path binary = Files.write(dir.resolve("h.cfg"), new byte[] {'C', 'O', (byte) 0xff, (byte) 0xfe, 0, 1});
        assertUsageError(run("explore", "--config", binary.toString()), "h.cfg", "not UTF-8 text");
    }

    @Test
    void badOptionValuesNameTheOption() {
        assertUsageError(run("conform", "--seed", "x"), "--seed", "'x'");
        assertUsageError(run("conform", "--runs", "-1"), "--runs");
        assertUsageError(run("conform", "--actions", "0"), "--actions");
        assertUsageError(run("conform", "--runs", "99999999999"), "--runs");
        assertUsageError(run("conform", "--profile", "foo"), "--profile", "foo");
        assertUsageError(run("conform", "--weights", "allocate"), "--weights", "allocate");
        assertUsageError(run("conform", "--weights", "allocate=x"), "--weights", "allocate=x");
        assertUsageError(run("conform", "--weights", "reboot=3"), "--weights", "reboot");
        assertUsageError(run("conform", "--weights", "allocate=-1"), "--weights", "allocate=-1");
        assertUsageError(run("conform", "--weights", "allocate=2147483647,free=2147483647"), "--weights");
        assertUsageError(run("conform", "--weights",
                "register_at=0,register=0,mark_allocated=0,allocate=0,free=0,largest=0,touch=0,read=0,write=0"), "--weights");
        assertUsageError(run("check-trace", "--profile", "foo", "nowhere.jsonl"), "--profile", "foo");
        assertUsageError(run("check-trace", "nowhere.jsonl"), "nowhere.jsonl");
        assertUsageError(run("vectors", "--profile", "foo", "--out", "x"), "--profile", "foo");
        assertUsageError(run("conform", "--frobnicate"), "--frobnicate");
    }
}
