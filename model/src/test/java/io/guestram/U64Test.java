package io.guestram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * U64 against exact integers: every value is also taken as a {@link BigInteger} between 0 and
 * 2^64 - 1, and each operation's answer is computed there by its definition, with no wrapping to
 * reason about. The values are the edges where unsigned arithmetic on {@code long} goes wrong:
 * around 0, 2^31, 2^32, 2^63 (where the sign bit flips) and 2^64 - 1, with sums that wrap by one.
 */
class U64Test {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** The edges, each with its neighbours one below and one above. */
    private static List<Long> edges() {
        List<Long> values = new ArrayList<>();
        long[] centres = {0, 1, 2, 4096, 1L << 31, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, -4096, -2, -1};
        for (long c : centres) {
            values.add(c - 1);
            values.add(c);
            values.add(c + 1);
        }
        return values;
    }

    private static BigInteger exact(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }

    private static String show(long... values) {
        List<String> shown = new ArrayList<>();
        for (long v : values) {
            shown.add(Long.toUnsignedString(v));
        }
        return String.join(", ", shown);
    }

    @Test
    void comparisonsAreThoseOfTheExactValues() {
        for (long a : edges()) {
            for (long b : edges()) {
                int expected = exact(a).compareTo(exact(b));
                assertEquals(Integer.signum(expected), Integer.signum(U64.compare(a, b)), show(a, b));
                assertEquals(expected < 0, U64.lessThan(a, b), show(a, b));
                assertEquals(expected <= 0, U64.atMost(a, b), show(a, b));
                assertEquals(exact(a).min(exact(b)), exact(U64.min(a, b)), show(a, b));
                assertEquals(exact(a).max(exact(b)), exact(U64.max(a, b)), show(a, b));
            }
        }
    }

    /** fits(s, n, last) is n > 0 and s + n - 1 <= last with s + n an exact sum, as large as 2^65 - 2. */
    @Test
    void fitsIsTheExactRangeCheck() {
        for (long start : edges()) {
            for (long size : edges()) {
                for (long last : edges()) {
                    boolean expected = size != 0
                            && exact(start).add(exact(size)).subtract(BigInteger.ONE).compareTo(exact(last)) <= 0;
                    assertEquals(expected, U64.fits(start, size, last), "fits(" + show(start, size, last) + ")");
                }
            }
        }
    }

    @Test
    void sumsThatWrapByOneDoNotFit() {
        // [2^64 - 1, 2^64) is the last byte; one more wraps the sum to 0.
        assertTrue(U64.fits(-1L, 1, U64.MAX));
        assertFalse(U64.fits(-1L, 2, U64.MAX));
        // 2^63 + 2^63 is exactly 2^64: the whole upper half fits, one byte more does not.
        assertTrue(U64.fits(Long.MIN_VALUE, Long.MIN_VALUE, U64.MAX));
        assertFalse(U64.fits(Long.MIN_VALUE, Long.MIN_VALUE + 1, U64.MAX));
        assertFalse(U64.fits(Long.MIN_VALUE + 1, Long.MIN_VALUE, U64.MAX));
        // The whole space has 2^64 bytes, which no size can say: 2^64 - 1 bytes from 0 or 1 fit, from 2 not.
        assertTrue(U64.fits(0, U64.MAX, U64.MAX));
        assertTrue(U64.fits(1, U64.MAX, U64.MAX));
        assertFalse(U64.fits(2, U64.MAX, U64.MAX));
        // Around 2^63 on both sides of the sign bit.
        assertTrue(U64.fits(Long.MAX_VALUE, 1, Long.MAX_VALUE));
        assertFalse(U64.fits(Long.MAX_VALUE, 2, Long.MAX_VALUE));
        assertFalse(U64.fits(Long.MIN_VALUE, 1, Long.MAX_VALUE));
        assertFalse(U64.fits(0, 0, U64.MAX));
    }

    @Test
    void alignDownIsTheLargestMultipleAtMostTheValue() {
        for (long value : edges()) {
            for (int log2 = 0; log2 <= 30; log2 += 6) {
                BigInteger alignment = BigInteger.ONE.shiftLeft(log2);
                BigInteger expected = exact(value).divide(alignment).multiply(alignment);
                assertEquals(expected, exact(U64.alignDown(value, 1L << log2)), show(value) + " to 2^" + log2);
            }
        }
        assertEquals(TWO_TO_64.subtract(BigInteger.valueOf(4096)), exact(U64.alignDown(U64.MAX, 4096)));
    }

    @Test
    void hexIsTheUnsignedValue() {
        for (long value : edges()) {
            assertEquals("0x" + exact(value).toString(16), U64.hex(value));
            assertEquals(value, U64.parse(exact(value).toString()));
            assertEquals(value, U64.parse(U64.hex(value)));
        }
    }

    @Test
    void parsesDecimalAndHexUpTo2To64Minus1() {
        assertEquals(0, U64.parse("0"));
        assertEquals(4096, U64.parse("4096"));
        assertEquals(4096, U64.parse(" 0x1000 "));
        assertEquals(0x1f, U64.parse("0X1F"));
        assertEquals(1L << 63, U64.parse("9223372036854775808"));
        assertEquals(U64.MAX, U64.parse("18446744073709551615"));
        assertEquals(U64.MAX, U64.parse("0xffff_ffff_ffff_ffff"));
        assertEquals(1, U64.parse("00000000000000000001"));
    }

    @Test
    void refusesWhatIsNotAnUnsigned64BitNumber() {
        for (String bad : List.of("", "0x", "-1", "-0", "+1", "18446744073709551616", "0x10000000000000000", "1e3", "0x1g",
                "\u0661\u0662\u0663", "\uff11", "0x\u0661", "1.5")) {
            assertThrows(NumberFormatException.class, () -> U64.parse(bad), bad);
        }
    }
}
