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
 * 64-bit space, so that cuts reach past runs, span gaps and end at 2^64 - 1. The searches and
 * the hash against theirs.
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

    /**
     * lowestIn and lowestNotIn against their definitions, address by address: every range of
     * 0..11 against every set of addresses 0..9 (and the same near 2^64, where last + 1 wraps).
     */
    @Test
    void lowestInAndLowestNotInAgreeWithAScanOfTheRange() {
        for (long base : new long[] {0, U64.MAX - 11}) {
            for (int bits = 0; bits < 1 << 10; bits++) {
                Intervals set = new Intervals();
                for (int i = 0; i < 10; i++) {
                    if ((bits >> i & 1) != 0) {
                        set.add(base + i, base + i);
                    }
                }
                for (int first = 0; first < 12; first++) {
                    for (int last = first; last < 12; last++) {
                        Long in = null;
                        Long notIn = null;
                        for (int a = last; a >= first; a--) {
                            boolean member = a < 10 && (bits >> a & 1) != 0;
                            if (member) {
                                in = base + a;
                            } else {
                                notIn = base + a;
                            }
                        }
                        String what = "set " + Integer.toBinaryString(bits) + " from " + U64.hex(base) + ", range " + first + ".." + last;
                        assertEquals(in, set.lowestIn(base + first, base + last), "lowestIn, " + what);
                        assertEquals(notIn, set.lowestNotIn(base + first, base + last), "lowestNotIn, " + what);
                    }
                }
            }
        }
    }

    /**
     * The explorer keeps states made of these sets in hash sets: the 1,024 sets of addresses 0..9
     * hash apart, and a set hashes the same however it was built.
     */
    @Test
    void everySetOfTenAddressesHashesApartAndEqualSetsHashAlike() {
        java.util.Set<Integer> codes = new java.util.HashSet<>();
        for (int bits = 0; bits < 1 << 10; bits++) {
            Intervals byAddress = new Intervals();
            Intervals byRemoval = new Intervals();
            byRemoval.add(0, 9);
            for (int i = 0; i < 10; i++) {
                if ((bits >> i & 1) != 0) {
                    byAddress.add(i, i);
                } else {
                    byRemoval.remove(i, i);
                }
            }
            assertEquals(byAddress, byRemoval);
            assertEquals(byAddress.hashCode(), byRemoval.hashCode(), "set " + Integer.toBinaryString(bits));
            codes.add(byAddress.hashCode());
        }
        assertEquals(1 << 10, codes.size(), "hash codes of the 1,024 sets of 10 addresses");
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
