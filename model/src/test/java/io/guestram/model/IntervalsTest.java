package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guestram.U64;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Intervals#minus} in one pass agrees with its definition: this set's copy with each of
 * the other's runs removed. Sets of random runs near 0, in the middle and at the top of the
 * 64-bit space, so that cuts reach past runs, span gaps and end at 2^64 - 1.
 */
class IntervalsTest {

    @Test
    void minusAgreesWithRemovingEachRunFromACopy() {
        SplittableRandom random = new SplittableRandom(14);
        for (int trial = 0; trial < 3000; trial++) {
            long base = switch (trial % 3) {
                case 0 -> 0;
                case 1 -> 1L << 40;
                default -> U64.MAX - 63;
            };
            Intervals a = randomSet(random, base);
            Intervals b = randomSet(random, base);
            assertEquals(text(byRemoval(a, b)), text(a.minus(b)), "trial " + trial + ": " + text(a.runs()) + " minus " + text(b.runs()));
        }
    }

    @Test
    void minusOfTheWholeSpace() {
        Intervals all = new Intervals();
        all.add(0, U64.MAX);
        Intervals middle = new Intervals();
        middle.add(5, 9);
        assertEquals("[0x0..0x4, 0xa..0xffffffffffffffff]", text(all.minus(middle)));
        assertEquals("[]", text(middle.minus(all)));
        assertEquals("[]", text(all.minus(all)));
        assertEquals("[0x0..0xffffffffffffffff]", text(all.minus(new Intervals())));
    }

    /** Up to 6 runs within 64 addresses from {@code base}. */
    private static Intervals randomSet(SplittableRandom random, long base) {
        Intervals set = new Intervals();
        for (int i = random.nextInt(7); i > 0; i--) {
            long first = base + random.nextInt(64);
            long last = first + random.nextInt((int) Math.min(8, 63 - (first - base)) + 1);
            set.add(first, last);
        }
        return set;
    }

    private static List<long[]> byRemoval(Intervals a, Intervals b) {
        Intervals difference = a.copy();
        for (long[] run : b.runs()) {
            difference.remove(run[0], run[1]);
        }
        return difference.runs();
    }

    private static String text(List<long[]> runs) {
        List<String> parts = new ArrayList<>();
        for (long[] r : runs) {
            parts.add(U64.hex(r[0]) + ".." + U64.hex(r[1]));
        }
        return parts.toString();
    }
}
