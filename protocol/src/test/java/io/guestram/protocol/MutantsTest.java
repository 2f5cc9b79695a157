package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Profile;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.report.ProgramReport;
import io.guestram.conformance.run.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default campaign ({@link Campaign#rotating}, default runs and actions) against realistic
 * mutants of examples/guestram_example.c, each a slip marked {@code MUT(N)} there and compiled in
 * with {@code -DMUTANT=N}: every mutant is caught on each of three seeds with a counterexample of
 * at most {@value #MAX_STEPS} steps (or, for the bugs that need many pieces, at most
 * {@value #MAX_STEPS} lines once folded); the correct example passes on the same seeds; and one
 * build with three independent mutants is reported as three distinct bugs. Campaigns run two at
 * a time; nothing here depends on how long they take.
 */
class MutantsTest {

    private static final int MAX_STEPS = 6;
    private static final long[] SEEDS = {1, 2, 3};

    /** Mutant number and what kind of slip it is (the report's table). */
    private record Mutant(int id, String slip) {}

    static final List<Mutant> MUTANTS = List.of(
            new Mutant(1, "largest: ties go to the highest run (>= for >)"),
            new Mutant(2, "register_at: overlap check misses the last byte"),
            new Mutant(3, "validity: a range ending at the last address is refused"),
            new Mutant(4, "mark_allocated: RAM check misses the last byte (one byte past RAM)"),
            new Mutant(5, "allocate: an exact fit is refused (< for <=)"),
            new Mutant(6, "runs that only touch are not merged (coalescing)"),
            new Mutant(7, "mark_allocated: ALREADY_ALLOCATED before NOT_RAM (error precedence)"),
            new Mutant(8, "free: an invalid range answers NOT_ALLOCATED (error precedence)"),
            new Mutant(9, "register: an unaligned window start is used as is"),
            new Mutant(10, "touch: chunk count from the size, not the pages met"),
            new Mutant(11, "read: chunk offset advances by the first chunk's size (3+ chunks)"),
            new Mutant(12, "write: the tail chunk is dropped after whole pages"),
            new Mutant(13, "mark_allocated: a full table of 32 allocated runs drops the new one"),
            new Mutant(14, "largest: cache not invalidated by registrations"),
            new Mutant(15, "validity: s + n - 1 wraps past 2^64"),
            new Mutant(16, "free in the middle of a run frees its tail too"),
            new Mutant(17, "allocate: best fit instead of the lowest"),
            new Mutant(18, "largest: a run ending at 2^64 reports one byte short"),
            new Mutant(19, "register: an exact fit at a window's end is refused"),
            new Mutant(20, "touch: a stop at the last chunk is ignored (< for <=)"),
            new Mutant(21, "register: a window's start is not tried once something is registered"),
            new Mutant(22, "write: bytes written before the range is found not RAM (not atomic)"));

    @TempDir
    static Path dir;
    private static Path source;

    @BeforeAll
    static void findSourceAndGcc() {
        source = CExample.sourceOrSkip("MutantsTest");
    }

    private static Path compile(String name, String... flags) throws IOException, InterruptedException {
        return CExample.compile(source, dir, name, flags);
    }

    /** The default campaign over the default rotation; {@code maxBugs} distinct bugs at most. */
    static ConformanceResult campaign(Path binary, long seed, int maxBugs) {
        try (ExternalProcess process = new ExternalProcess(binary.toString(), Duration.ofSeconds(20))) {
            return Campaign.rotating(Profile.SPEC, process::create).named(binary.getFileName().toString())
                    .seed(seed).maxBugs(maxBugs).confirmations(2).run();
        }
    }

    @Test
    void everyMutantIsCaughtOnEverySeedWithAShortCounterexample() throws Exception {
        List<Path> binaries = new ArrayList<>();
        for (Mutant m : MUTANTS) {
            binaries.add(compile("mutant" + m.id(), "-DMUTANT=" + m.id()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ConformanceResult>> results = new ArrayList<>();
            for (Path binary : binaries) {
                for (long seed : SEEDS) {
                    results.add(pool.submit(() -> campaign(binary, seed, 1)));
                }
            }
            List<String> missed = new ArrayList<>();
            StringBuilder table = new StringBuilder("mutant  seed  caught  steps  folded  signature\n");
            for (int i = 0; i < results.size(); i++) {
                Mutant m = MUTANTS.get(i / SEEDS.length);
                long seed = SEEDS[i % SEEDS.length];
                ConformanceResult r = results.get(i).get();
                Counterexample c = r.counterexample();
                boolean caught = c != null && (c.length() <= MAX_STEPS || ProgramReport.fold(c.steps()).size() <= MAX_STEPS);
                table.append(String.format("M%-6d %4d  %-6s  %5s  %6s  %s%n", m.id(), seed, c != null,
                        c == null ? "-" : c.length(), c == null ? "-" : ProgramReport.fold(c.steps()).size(), c == null ? "" : c.signature()));
                if (!caught) {
                    missed.add("M" + m.id() + " (" + m.slip() + ") seed " + seed + ":\n" + r.summary());
                }
            }
            System.out.println("MutantsTest:\n" + table);
            assertTrue(missed.isEmpty(), "not caught with a short counterexample:\n" + String.join("\n", missed));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theCorrectExampleRaisesNoFalseAlarm() throws Exception {
        Path binary = compile("correct");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<ConformanceResult>> results = new ArrayList<>();
            for (long seed : SEEDS) {
                results.add(pool.submit(() -> campaign(binary, seed, 8)));
            }
            for (Future<ConformanceResult> r : results) {
                assertTrue(r.get().passed(), r.get().summary());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threeIndependentBugsAreReportedSeparately() throws Exception {
        Path binary = compile("three_bugs", "-DMUTANT=7", "-DMUTANT2=11", "-DMUTANT3=18");
        ConformanceResult r = campaign(binary, 1, 8);
        Set<Signature> signatures = new HashSet<>();
        r.counterexamples().forEach(c -> signatures.add(c.signature()));
        System.out.println("MutantsTest, three bugs in one build:\n" + r.summary());
        assertEquals(r.counterexamples().size(), signatures.size(), "one counterexample per signature");
        assertTrue(r.counterexamples().size() >= 3, r.summary());
        assertTrue(r.counterexamples().stream().allMatch(c -> c.length() <= MAX_STEPS), r.summary());
    }
}
