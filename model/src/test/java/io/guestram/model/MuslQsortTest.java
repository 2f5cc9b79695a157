package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * MuslQsort is musl's qsort: the same order for the same array, equal keys included. Where the
 * environment variable MUSL names a musllibc checkout and gcc is on PATH, musl's own
 * src/stdlib/qsort.c is compiled and both sort the same random arrays, a few of up to 150,049
 * elements among them.
 */
class MuslQsortTest {

    /** An element: its key, and its position before sorting, which shows the order of equal keys. */
    private record Item(long key, int id) {}

    private static final Comparator<Item> BY_KEY = Comparator.comparing(Item::key, Long::compareUnsigned);

    private static List<Integer> ids(List<Item> items) {
        return items.stream().map(Item::id).toList();
    }

    private static List<Item> items(long... keys) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            items.add(new Item(keys[i], i));
        }
        return items;
    }

    @Test
    void sortsLikeAnySortWhenKeysDiffer() {
        List<Item> items = items(5, 3, 9, 1, -1L, 0, 7);
        MuslQsort.sort(items, BY_KEY);
        assertEquals(List.of(5, 3, 1, 0, 6, 2, 4), ids(items));
    }

    /** The array libsel4vm sorts last in issue 13's D6 steps; musl 9798aed's C output, run on 2026-11-30. */
    @Test
    void putsTheLaterOfTwoEqualStartsFirstInLibsel4vmsD6Array() {
        List<Item> items = items(0xa000, 0xb000, -1L, 0, 0xa000);
        MuslQsort.sort(items, BY_KEY);
        assertEquals(List.of(3, 4, 0, 1, 2), ids(items));
    }

    /**
     * The orders musl's own qsort (compiled from seL4's musllibc) left 506 arrays in, most of them full
     * of equal keys, where smoothsort's every {@code >=} against {@code >} shows; see the file's header
     * for how it was made.
     */
    @Test
    void leavesEveryArrayInTheOrderMuslsCompiledQsortDid() throws IOException {
        int arrays = 0;
        try (var in = MuslQsortTest.class.getResourceAsStream("musl-qsort-vectors.txt")) {
            if (in == null) {
                throw new AssertionError("musl-qsort-vectors.txt is not on the test class path");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] halves = line.split("->", -1);
                if (halves.length != 2) {
                    throw new AssertionError("musl-qsort-vectors.txt: no \"->\" in \"" + line + "\"");
                }
                long[] keys = numbers(halves[0]).stream().mapToLong(Long::parseUnsignedLong).toArray();
                List<Integer> musl = numbers(halves[1]).stream().map(Integer::valueOf).toList();
                List<Item> items = items(keys);
                MuslQsort.sort(items, BY_KEY);
                assertEquals(musl, ids(items), "keys " + halves[0].strip());
                arrays++;
            }
        }
        assertEquals(506, arrays, "arrays in musl-qsort-vectors.txt");
    }

    /**
     * Arrays far longer than the vectors' (heaps of up to order 23, whose bits in the bitmap p the
     * vectors never reach), at a Leonardo number, L(23), and one past it, where the table of Leonardo
     * numbers ends and the heaps change shape: each comes out in key order and is a permutation
     * of what went in, checked element by element. (musl's own order for arrays of
     * these sizes is compared by agreesWithMuslsOwnQsortWhereACheckoutIsGiven, where a checkout
     * is given.)
     */
    @Test
    void sortsLongArraysIntoAPermutationInKeyOrder() {
        Random random = new Random(15);
        for (int size : new int[] {92_735, 92_736}) {
            for (int values : new int[] {3, 1 << 30}) {
                long[] keys = new long[size];
                for (int i = 0; i < size; i++) {
                    keys[i] = random.nextInt(values);
                }
                List<Item> items = items(keys);
                MuslQsort.sort(items, BY_KEY);
                boolean[] seen = new boolean[size];
                for (int i = 0; i < size; i++) {
                    Item item = items.get(i);
                    assertEquals(keys[item.id()], item.key(), "element " + i + " of " + size + " keeps its key");
                    if (seen[item.id()]) {
                        throw new AssertionError("element " + item.id() + " of " + size + " comes out twice");
                    }
                    seen[item.id()] = true;
                    if (i > 0 && items.get(i - 1).key() > item.key()) {
                        throw new AssertionError("positions " + (i - 1) + " and " + i + " of " + size + " out of order");
                    }
                }
            }
        }
    }

    private static List<String> numbers(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : List.of(t.split(" "));
    }

    @Test
    void agreesWithMuslsOwnQsortWhereACheckoutIsGiven() throws Exception {
        String musl = System.getenv("MUSL");
        if (musl == null || musl.isBlank()) {
            System.out.println("MuslQsortTest: MUSL (a musllibc checkout) is not set; musl's C qsort is not compared");
            assumeTrue(false);
        }
        Path dir = Files.createTempDirectory("guestram-musl");
        Path driver = dir.resolve("driver.c");
        Files.writeString(driver, """
                #include <stdio.h>
                #include <stdlib.h>
                void musl_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
                typedef struct { unsigned long long key; int id; } item;
                static int cmp(const void *a, const void *b) {
                    const item *x = a, *y = b;
                    return x->key == y->key ? 0 : x->key < y->key ? -1 : 1;
                }
                int main(void) {
                    int n;
                    static item a[200000];
                    while (scanf("%d", &n) == 1) {
                        for (int i = 0; i < n; i++) { scanf("%llu", &a[i].key); a[i].id = i; }
                        musl_qsort(a, n, sizeof a[0], cmp);
                        for (int i = 0; i < n; i++) printf("%d ", a[i].id);
                        printf("\\n");
                    }
                    return 0;
                }
                """);
        Path binary = dir.resolve("driver");
        run(dir, null, "gcc", "-O1", "-w", "-Dqsort=musl_qsort", "-I" + musl + "/src/internal",
                "-I" + musl + "/arch/x86_64", "-I" + musl + "/arch/generic",
                musl + "/src/stdlib/qsort.c", driver.toString(), "-o", binary.toString());

        Random random = new Random(13);
        StringBuilder input = new StringBuilder();
        List<List<Integer>> expected = new ArrayList<>();
        int[] longOnes = {57_313, 57_314, 92_735, 92_736, 150_049};
        for (int array = 0; array < 500 + longOnes.length; array++) {
            int n = array < 500 ? random.nextInt(60) : longOnes[array - 500];
            long[] keys = new long[n];
            input.append(n);
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(1 + random.nextInt(8));
                input.append(' ').append(keys[i]);
            }
            input.append('\n');
            List<Item> items = items(keys);
            MuslQsort.sort(items, BY_KEY);
            expected.add(ids(items));
        }
        List<String> lines = run(dir, input.toString(), binary.toString()).lines().toList();
        assertEquals(expected.size(), lines.size());
        for (int i = 0; i < expected.size(); i++) {
            String line = lines.get(i).strip();
            List<Integer> c = line.isEmpty() ? List.of()
                    : java.util.Arrays.stream(line.split(" ")).map(Integer::valueOf).toList();
            assertEquals(c, expected.get(i), "array " + i);
        }
    }

    private static String run(Path dir, String input, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (input != null) {
            // From a file: written to a pipe, a long input would wait for us to read the output.
            Path in = dir.resolve("input.txt");
            Files.writeString(in, input, StandardCharsets.US_ASCII);
            builder.redirectInput(in.toFile());
        }
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
