package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.ConfigurationRefusedException;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.model.Sel4Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/libsel4vm: guestram's adapter around libsel4vm's own, unmodified guest RAM code. Where
 * the environment names the upstream checkouts (SEL4_PROJECTS_LIBS, SEL4_LIBS, UTIL_LIBS, MUSL),
 * the harness is built with make and answers as profile sel4's model on the rows of issue 13 and
 * a real VMM's layout: outcome (a failure compared by the C value only) and memory map after
 * every call. Without them the test says so in one line and is skipped.
 */
class Libsel4vmHarnessTest {

    private static final long P = 0x1000;
    private static final long TOP = -P;
    private static final List<String> CHECKOUTS = List.of("SEL4_PROJECTS_LIBS", "SEL4_LIBS", "UTIL_LIBS", "MUSL");

    @TempDir
    Path dir;

    private record Scenario(String name, Config config, List<Call> calls) {}

    private static Config sel4(Window... windows) {
        return new Config(Profile.SEL4, U64.MAX, P, List.of(windows));
    }

    /** A 48-bit machine, the addresses sel4utils' bookkeeping tells apart: what the adapter accepts by default. */
    private static Config machine(Window... windows) {
        return new Config(Profile.SEL4, (1L << 48) - 1, P, List.of(windows));
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("D1: the default window ends at 2^64 - 1", Config.defaults(Profile.SEL4),
                    List.of(new Call.Register(1), new Call.RegisterAt(Long.MIN_VALUE, 1, false), new Call.Largest())),
            new Scenario("D2: a walk past the top page", sel4(new Window(TOP, U64.MAX)),
                    List.of(new Call.Register(P - 1), new Call.Register(P), new Call.Touch(TOP, 1, 0, 0))),
            new Scenario("D3: an unaligned register_at skips its last page", sel4(),
                    List.of(new Call.RegisterAt(0x1001, 1, false), new Call.RegisterAt(0xfff, 2, false),
                            new Call.RegisterAt(0x5000, 0x10, false), new Call.RegisterAt(0x4fff, 2, false),
                            new Call.Touch(0xfff, 2, 0, 0))),
            new Scenario("D4: register_at past 2^64", sel4(),
                    List.of(new Call.RegisterAt(TOP, 2 * P, false), new Call.RegisterAt(TOP, 2 * P, false),
                            new Call.Largest(), new Call.Read(TOP, 0x1800))),
            new Scenario("D5: register of nearly 2^64 bytes", sel4(Window.of(0x10000, 0x20000)),
                    List.of(new Call.Register(P), new Call.Register(-1L), new Call.Largest())),
            new Scenario("D6: equal starts in musl's order", sel4(),
                    List.of(new Call.RegisterAt(0xa000, 1, false), new Call.MarkAllocated(-1L, 1),
                            new Call.RegisterAt(0xb000, 1, false), new Call.MarkAllocated(0xa000, 0))),
            new Scenario("D3 stops at a bottom table's end (2 MiB), as a campaign found", machine(),
                    List.of(new Call.RegisterAt(0x100000001L, 1, false), new Call.RegisterAt(0xffffffffL, 2, false),
                            new Call.RegisterAt(0x301001L, 1, false), new Call.RegisterAt(0x300fffL, 2, false))),
            new Scenario("a window at the top of the 48-bit space", machine(new Window((1L << 48) - 0x3000, (1L << 48) - 1)),
                    List.of(new Call.Register(0x1001), new Call.Register(1), new Call.RegisterAt((1L << 48) - 0x4000, 0x1000, false),
                            new Call.Write((1L << 48) - 0x3002, new byte[] {1, 2, 3}), new Call.Read((1L << 48) - 0x3002, 3))),
            new Scenario("camkes-vm x86 layout (components/Init/src/main.c:235-253)",
                    sel4(new Window(0x10003000L, 0x9fffffffL)),
                    List.of(new Call.RegisterAt(0x500, 0x80000 - 0x500, false),
                            new Call.RegisterAt(0x80000, 0x9fc00 - 0x80000, false),
                            new Call.Register(16L << 20), new Call.Register(16L << 20), new Call.Largest(),
                            new Call.MarkAllocated(0x10003000L, 0x100000), new Call.Allocate(0x10),
                            new Call.Write(0x10002ffcL, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                            new Call.Read(0x10002ffcL, 8), new Call.Touch(0x7fff0, 0x20, 0, 0))));

    @Test
    void theRealCodeAnswersAsProfileSel4OnIssue13sRowsAndARealLayout() throws Exception {
        Map<String, String> env = System.getenv();
        if (!CHECKOUTS.stream().allMatch(v -> env.get(v) != null && !env.get(v).isBlank())) {
            System.out.println("Libsel4vmHarnessTest skipped: set " + String.join(", ", CHECKOUTS)
                    + " to seL4 checkouts to build examples/libsel4vm");
            Assumptions.abort("no upstream checkouts");
        }
        Path binary = build();
        List<String> disagreements = new ArrayList<>();
        for (Scenario s : SCENARIOS) {
            Sel4Model model = new Sel4Model(s.config());
            // The 2^64 rows need --whole-space: their calls never reach the bookkeeping at or above 2^48.
            List<String> command = s.config().lastAddress() == U64.MAX ? List.of(binary.toString(), "--whole-space")
                    : List.of(binary.toString());
            try (ExternalGuestRam c = new ExternalGuestRam(command, s.config(), Duration.ofSeconds(30))) {
                for (Call call : s.calls()) {
                    Outcome expected = call.apply(model);
                    Outcome actual = call.apply(c);
                    boolean same = expected.isOk() ? expected.equals(actual) : !actual.isOk();
                    if (!same || !model.memoryMap().equals(c.memoryMap())) {
                        disagreements.add(s.name() + ": " + call.java() + " model " + expected + " " + model.memoryMap()
                                + ", libsel4vm " + actual + " " + c.memoryMap());
                        break;
                    }
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

    @Test
    void withoutWholeSpaceTheHarnessRefusesAddressesSel4utilsCannotTellApart() throws Exception {
        Assumptions.assumeTrue(CHECKOUTS.stream().allMatch(v -> System.getenv(v) != null && !System.getenv(v).isBlank()),
                "no upstream checkouts");
        Path binary = build();
        ConfigurationRefusedException refused = assertThrows(ConfigurationRefusedException.class,
                () -> new ExternalGuestRam(List.of(binary.toString()), new Config(Profile.SEL4, 1L << 48, P, List.of()), Duration.ofSeconds(30)));
        assertTrue(refused.getMessage().contains("48 address bits"), refused.getMessage());
        new ExternalGuestRam(List.of(binary.toString()), machine(), Duration.ofSeconds(30)).close();
    }

    private Path build() throws IOException, InterruptedException {
        Path examples = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/libsel4vm/Makefile"))) {
                examples = p.resolve("examples/libsel4vm");
                break;
            }
        }
        Assumptions.assumeTrue(examples != null, "examples/libsel4vm not found");
        Path binary = dir.resolve("libsel4vm-adapter");
        List<String> make = new ArrayList<>(List.of("make", "-C", examples.toString(), "BUILD=" + dir.resolve("build"),
                "OUT=" + binary));
        for (String v : CHECKOUTS) {
            make.add(v + "=" + System.getenv(v));
        }
        Process p = new ProcessBuilder(make).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("make failed:\n" + out);
        }
        return binary;
    }
}
