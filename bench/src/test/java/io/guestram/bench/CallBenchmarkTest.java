package io.guestram.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Piece;
import io.guestram.SelfChecking;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The benchmarks measure what they say: every subject starts from the layout's memory map, every
 * call does the same thing to each of them, and the number of pieces stays put. No timing here.
 */
class CallBenchmarkTest {

    private static CallBenchmark bench(String subject, String layout, int n) {
        ScalingBenchmark b = new ScalingBenchmark();
        b.n = n;
        b.subject = subject;
        b.layout = layout;
        b.build();
        return b;
    }

    private static List<Piece> pieces(Layout layout) {
        List<Piece> pieces = new ArrayList<>();
        for (int p = 0; p < layout.pieces(); p++) {
            pieces.add(new Piece(layout.first[p], layout.last(p), layout.allocated[p]));
        }
        return pieces;
    }

    @ParameterizedTest
    @CsvSource({"fragmented, 100", "fragmented, 1000", "random, 100", "random, 1000", "random, 10"})
    void layoutsHaveExactlyNMaximalPiecesInEverySubject(String kind, int n) {
        Layout layout = Layout.of(Layout.Kind.parse(kind), n, 42);
        List<Piece> expected = pieces(layout);
        assertEquals(n, expected.size());
        for (int i = 1; i < n; i++) {
            boolean adjacent = expected.get(i - 1).last() + 1 == expected.get(i).first();
            assertTrue(!adjacent || expected.get(i - 1).allocated() != expected.get(i).allocated(), "maximal at " + i);
        }
        for (Subject s : Subject.values()) {
            assertEquals(expected, s.build(layout).memoryMap(), s.label());
        }
    }

    @ParameterizedTest
    @CsvSource({"fragmented, 100", "random, 100", "random, 300"})
    void everyCallDoesTheSameToEachSubjectAndKeepsNSteady(String layout, int n) {
        String[] calls = {"registerAt", "markAllocated", "allocate", "free", "largestFree", "touch1", "touch64",
            "read4k", "write4k"};
        for (String call : calls) {
            List<List<Piece>> maps = new ArrayList<>();
            List<Object> results = new ArrayList<>();
            for (String subject : new String[] {"impl", "port", "model"}) {
                CallBenchmark b = bench(subject, layout, n);
                Object last = null;
                for (int i = 0; i < 200; i++) {
                    last = invoke(b, call);
                }
                if (b.ram instanceof SelfChecking checked) {
                    checked.checkInvariants();
                }
                maps.add(b.ram.memoryMap());
                results.add(last instanceof byte[] bytes ? java.util.Arrays.toString(bytes) : last);
            }
            assertEquals(maps.get(0), maps.get(1), call + ": impl and port");
            assertEquals(maps.get(0), maps.get(2), call + ": impl and model");
            assertEquals(results.get(0), results.get(1), call + ": results of impl and port");
            int pieces = maps.get(0).size();
            assertTrue(pieces >= n && pieces <= n + 1, call + ": " + pieces + " pieces after 200 calls at n = " + n);
        }
    }

    private static Object invoke(CallBenchmark b, String call) {
        switch (call) {
            case "registerAt" -> b.registerAt();
            case "markAllocated" -> b.markAllocated();
            case "allocate" -> {
                return b.allocate();
            }
            case "free" -> b.free();
            case "largestFree" -> {
                return b.largestFree();
            }
            case "touch1" -> {
                return b.touch1();
            }
            case "touch64" -> {
                return b.touch64();
            }
            case "read4k" -> {
                return b.read4k();
            }
            case "write4k" -> b.write4k();
            default -> throw new IllegalArgumentException(call);
        }
        return null;
    }
}
