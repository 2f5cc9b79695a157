package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.model.ReferenceModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/guestram_example.c, compiled with gcc, answers exactly as the reference model on a
 * seeded random run of calls over several configurations (outcome, memory map and largest free
 * region after every call); its {@code -DBROKEN} build is caught, and a counterexample of at most 5 calls is found.
 * The seed is fixed for reproducibility; {@code -Dguestram.seed=N} runs another one.
 */
class CExampleTest {

    private static final long SEED = Long.getLong("guestram.seed", 0x5EEDC0DEL);
    private static final int CALLS_PER_SCENARIO = 700;

    @TempDir
    static Path dir;
    private static Path source;

    /** A configuration and where its interesting addresses lie: [base, base + span). */
    private record Scenario(String name, Config config, long base, long span) {}

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("defaults, near 0", Config.defaults(Profile.SPEC), 0, 0x10000),
            new Scenario("defaults, near 2^64", Config.defaults(Profile.SPEC), -0x10000L, 0x10000),
            new Scenario("top window", new Config(Profile.SPEC, U64.MAX, 0x1000, List.of(new Window(-0x8800L, U64.MAX))),
                    -0x10000L, 0x10000),
            new Scenario("64 bytes, page 4, one window", Config.bounded(Profile.SPEC, 64, 4, List.of(Window.of(8, 40))), 0, 64),
            new Scenario("64 bytes, page 4, two windows",
                    Config.bounded(Profile.SPEC, 64, 4, List.of(Window.of(0, 13), Window.of(30, 64))), 0, 64),
            new Scenario("48 bytes, page 8, no window", Config.bounded(Profile.SPEC, 48, 8, List.of()), 0, 48));

    @BeforeAll
    static void findSourceAndGcc() {
        source = CExample.sourceOrSkip("CExampleTest");
    }

    private static Path compile(String name, String... flags) throws IOException, InterruptedException {
        return CExample.compile(source, dir, name, flags);
    }

    @Test
    void theExampleAnswersExactlyAsTheModel() throws Exception {
        Path binary = compile("guestram_example");
        Set<ErrorCode> seen = EnumSet.noneOf(ErrorCode.class);
        Set<String> succeeded = new TreeSet<>();
        long calls = 0;
        Random random = new Random(SEED);
        for (Scenario scenario : SCENARIOS) {
            try (ExternalGuestRam c = new ExternalGuestRam(List.of(binary.toString()), scenario.config(), Duration.ofMinutes(5), Duration.ofMinutes(5))) {
                ReferenceModel model = new ReferenceModel(scenario.config());
                List<Call> run = new ArrayList<>();
                for (int i = 0; i < CALLS_PER_SCENARIO; i++) {
                    if (random.nextInt(30) == 0) { // a fresh run now and then: empty states matter too
                        c.reset();
                        model = new ReferenceModel(scenario.config());
                        run.clear();
                    }
                    Call call = randomCall(random, scenario, model);
                    run.add(call);
                    List<Object> expected = step(call, model);
                    assertEquals(expected, step(call, c), () -> "[outcome, memory map, largest] after the calls since the last reset, "
                            + scenario.name() + ", seed " + SEED + " (-Dguestram.seed=" + SEED + "):\n  " + lines(run));
                    Outcome outcome = (Outcome) expected.get(0);
                    if (outcome.isOk()) {
                        succeeded.add(call.name());
                    } else {
                        seen.add(outcome.error());
                    }
                    calls++;
                }
            }
        }
        System.out.println("CExampleTest: " + calls + " calls over " + SCENARIOS.size() + " configurations agree with the model (seed "
                + SEED + "); errors seen " + seen + "; calls that succeeded " + succeeded);
        assertEquals(EnumSet.allOf(ErrorCode.class), seen, "every error code should occur (seed " + SEED + ")");
        assertEquals(9, succeeded.size(), "every call should succeed at least once: " + succeeded);
    }

    @Test
    void theBrokenBuildIsCaughtWithASmallCounterexample() throws Exception {
        Path binary = compile("guestram_example_broken", "-DBROKEN");
        Random random = new Random(SEED);
        for (Scenario scenario : SCENARIOS) {
            try (ExternalGuestRam c = new ExternalGuestRam(List.of(binary.toString()), scenario.config(), Duration.ofMinutes(5), Duration.ofMinutes(5))) {
                ReferenceModel model = new ReferenceModel(scenario.config());
                List<Call> run = new ArrayList<>();
                for (int i = 0; i < CALLS_PER_SCENARIO; i++) {
                    if (random.nextInt(30) == 0) {
                        c.reset();
                        model = new ReferenceModel(scenario.config());
                        run.clear();
                    }
                    run.add(randomCall(random, scenario, model));
                    if (diverges(run, model, c)) {
                        List<Call> shrunk = shrink(run, scenario.config(), c);
                        c.reset();
                        ReferenceModel fresh = new ReferenceModel(scenario.config());
                        List<Object> expected = List.of();
                        List<Object> actual = List.of();
                        for (Call call : shrunk) {
                            expected = step(call, fresh);
                            actual = step(call, c);
                        }
                        System.out.println("CExampleTest: the BROKEN build diverged at call " + (i + 1) + " of " + scenario.name()
                                + " (seed " + SEED + "); shrunk from " + run.size() + " to " + shrunk.size() + " calls:\n  "
                                + lines(shrunk) + "\n  [outcome, memory map, largest]: model " + expected + ", C " + actual);
                        assertTrue(shrunk.size() <= 5, "counterexample too long:\n  " + lines(shrunk));
                        return;
                    }
                }
            }
        }
        fail("the BROKEN build was not caught (seed " + SEED + ")");
    }

    /**
     * What a call observably does to {@code ram}: its outcome, then the memory map and the
     * largest free region after it (the engine, too, checks the largest free region after every
     * step).
     */
    private static List<Object> step(Call call, GuestRam ram) {
        return List.of(call.apply(ram), ram.memoryMap(), new Call.Largest().apply(ram));
    }

    /** Applies the last call of {@code run} to both; true iff they disagree. */
    private static boolean diverges(List<Call> run, ReferenceModel model, ExternalGuestRam c) {
        Call call = run.get(run.size() - 1);
        return !step(call, model).equals(step(call, c));
    }

    /** True iff {@code calls}, replayed from the initial state, make the two diverge. */
    private static boolean failsFromScratch(List<Call> calls, Config config, ExternalGuestRam c) {
        c.reset();
        ReferenceModel model = new ReferenceModel(config);
        for (int i = 1; i <= calls.size(); i++) {
            if (diverges(calls.subList(0, i), model, c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Greedy shrinking: drops calls one at a time, then makes arguments smaller one at a time, as
     * long as the result still diverges; until neither helps.
     */
    private static List<Call> shrink(List<Call> failing, Config config, ExternalGuestRam c) {
        List<Call> calls = new ArrayList<>(failing);
        for (boolean progress = true; progress;) {
            progress = false;
            for (int i = calls.size() - 1; i >= 0; i--) {
                List<Call> shorter = new ArrayList<>(calls);
                shorter.remove(i);
                if (failsFromScratch(shorter, config, c)) {
                    calls = shorter;
                    progress = true;
                }
            }
            for (int i = 0; i < calls.size(); i++) {
                for (Call simpler : simpler(calls.get(i))) {
                    List<Call> candidate = new ArrayList<>(calls);
                    candidate.set(i, simpler);
                    if (failsFromScratch(candidate, config, c)) {
                        calls = candidate;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return calls;
    }

    /** The call with one argument made smaller, in every way tried. */
    private static List<Call> simpler(Call call) {
        List<Call> out = new ArrayList<>();
        if (call instanceof Call.RegisterAt x) {
            smaller(x.size()).forEach(n -> out.add(new Call.RegisterAt(x.start(), n, x.untyped())));
            smaller(x.start()).forEach(s -> out.add(new Call.RegisterAt(s, x.size(), x.untyped())));
        } else if (call instanceof Call.Register x) {
            smaller(x.size()).forEach(n -> out.add(new Call.Register(n)));
        } else if (call instanceof Call.Allocate x) {
            smaller(x.size()).forEach(n -> out.add(new Call.Allocate(n)));
        } else if (call instanceof Call.MarkAllocated x) {
            smaller(x.size()).forEach(n -> out.add(new Call.MarkAllocated(x.start(), n)));
            smaller(x.start()).forEach(s -> out.add(new Call.MarkAllocated(s, x.size())));
        } else if (call instanceof Call.Free x) {
            smaller(x.size()).forEach(n -> out.add(new Call.Free(x.start(), n)));
            smaller(x.start()).forEach(s -> out.add(new Call.Free(s, x.size())));
        }
        return out;
    }

    /** 0, 1, half and one less than {@code x}, those that are (unsigned) below it. */
    private static List<Long> smaller(long x) {
        return LongStream.of(0, 1, x >>> 1, x - 1).filter(v -> U64.lessThan(v, x)).distinct().boxed().toList();
    }

    private static String lines(List<Call> calls) {
        return calls.stream().map(Wire::command).collect(Collectors.joining("\n  "));
    }

    // ---- the generator: biased towards edges, so that every error code and success occurs ----

    private static Call randomCall(Random r, Scenario s, ReferenceModel model) {
        long page = s.config().pageSize();
        int kind = r.nextInt(100);
        if (kind < 14) {
            long start = address(r, s);
            return new Call.RegisterAt(start, size(r, s, start), r.nextBoolean());
        } else if (kind < 22) {
            return new Call.Register(r.nextInt(8) == 0 ? size(r, s, 0) : 1 + r.nextInt((int) Math.min(3 * page, s.span() / 4)));
        } else if (kind < 34) {
            long[] range = r.nextInt(3) > 0 ? inPiece(r, model, false, s.span()) : null;
            long start = range != null ? range[0] : address(r, s);
            return new Call.MarkAllocated(start, range != null ? range[1] : size(r, s, start));
        } else if (kind < 46) {
            return new Call.Allocate(r.nextInt(6) == 0 ? size(r, s, 0) : 1 + r.nextInt((int) Math.min(2 * page, s.span() / 4)));
        } else if (kind < 60) {
            long[] range = r.nextInt(4) > 0 ? inPiece(r, model, true, s.span()) : null;
            long start = range != null ? range[0] : address(r, s);
            return new Call.Free(start, range != null ? range[1] : size(r, s, start));
        } else if (kind < 70) {
            return new Call.Largest();
        }
        // touch, read, write: bounded sizes (a chunk per page), often across page boundaries
        long[] range = r.nextInt(3) > 0 ? inPiece(r, model, r.nextBoolean(), Math.min(4 * page, 64)) : null;
        long start = range != null ? range[0] : r.nextBoolean() ? address(r, s) : s.base() + s.span() - 1 - r.nextInt(8);
        long bytes = range != null ? range[1] : r.nextInt(10) == 0 ? 0 : 1 + r.nextInt((int) Math.min(3 * page, 64));
        if (kind < 80) {
            boolean stops = r.nextBoolean();
            int value = new int[] {1, -1, 7, Integer.MIN_VALUE, Integer.MAX_VALUE}[r.nextInt(5)];
            long size = r.nextInt(10) == 0 ? crossingTheLimit(s, start) : r.nextBoolean() ? bytes : 1 + r.nextInt((int) (4 * page));
            return new Call.Touch(start, size, stops ? 1 + r.nextInt(4) : 0, stops ? value : 0);
        } else if (kind < 90) {
            return new Call.Read(start, (int) bytes);
        }
        byte[] data = new byte[(int) bytes];
        r.nextBytes(data);
        if (data.length > 0 && r.nextBoolean()) {
            data[r.nextInt(data.length)] = 0;
        }
        return new Call.Write(start, data);
    }

    /** An address in the scenario's range, often page-aligned, now and then at the very ends. */
    private static long address(Random r, Scenario s) {
        long a = s.base() + (long) (r.nextDouble() * s.span());
        return switch (r.nextInt(12)) {
            case 0 -> U64.alignDown(a, s.config().pageSize());
            case 1 -> r.nextBoolean() ? 0 : U64.MAX - r.nextInt(3);
            case 2 -> s.config().lastAddress() - r.nextInt(3);
            default -> a;
        };
    }

    /** A size for a range at {@code start}: 0, too large, small, or up to a quarter of the span. */
    private static long size(Random r, Scenario s, long start) {
        return switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1 -> r.nextBoolean() ? U64.MAX - r.nextInt(2) : crossingTheLimit(s, start);
            case 2, 3, 4 -> 1 + r.nextInt(8);
            default -> 1 + (long) (r.nextDouble() * (s.span() / 4));
        };
    }

    /** A size that makes the range at {@code start} end one byte past the limit (when it can). */
    private static long crossingTheLimit(Scenario s, long start) {
        return s.config().lastAddress() - start + 2;
    }

    /**
     * {start, size} of a sub-range of a random allocated (or free) piece of the model's memory
     * map, at most {@code cap} bytes long; null if there is no such piece.
     */
    private static long[] inPiece(Random r, ReferenceModel model, boolean allocated, long cap) {
        List<Piece> pieces = model.memoryMap().stream().filter(p -> p.allocated() == allocated).toList();
        if (pieces.isEmpty()) {
            return null;
        }
        Piece p = pieces.get(r.nextInt(pieces.size()));
        long offset = r.nextBoolean() ? 0 : Long.remainderUnsigned(r.nextLong(), U64.min(p.last() - p.first(), cap) + 1);
        long start = p.first() + offset;
        long room = p.last() - start; // bytes after start, minus one
        long size = r.nextBoolean() ? U64.min(room, cap - 1) + 1 : 1 + Long.remainderUnsigned(r.nextLong(), U64.min(room, cap - 1) + 1);
        return new long[] {start, size};
    }
}
