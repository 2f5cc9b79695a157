package io.guestram;

/**
 * Unsigned 64-bit arithmetic on {@code long}, as C's {@code uintptr_t} and {@code size_t}.
 * Every range check in guestram goes through here so that no sum can silently wrap.
 */
public final class U64 {
    /** 2^64 - 1, the last address of a full 64-bit address space. */
    public static final long MAX = -1L;

    private U64() {}

    public static int compare(long a, long b) {
        return Long.compareUnsigned(a, b);
    }

    public static boolean lessThan(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    public static boolean atMost(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    public static long min(long a, long b) {
        return lessThan(a, b) ? a : b;
    }

    public static long max(long a, long b) {
        return lessThan(a, b) ? b : a;
    }

    /**
     * True iff {@code [start, start + size)} is a non-empty range whose last byte is at most
     * {@code lastAddress}, computed without overflow.
     */
    public static boolean fits(long start, long size, long lastAddress) {
        return size != 0 && atMost(start, lastAddress) && atMost(size - 1, lastAddress - start);
    }

    /** Rounds {@code value} down to a multiple of {@code alignment} (a power of two). */
    public static long alignDown(long value, long alignment) {
        return value & -alignment;
    }

    /** Hex with a 0x prefix, the notation used in every message and report. */
    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /**
     * Parses an unsigned 64-bit number in decimal or 0x-prefixed hex, ASCII digits only (Java's own
     * parsers would also take Arabic-Indic or full-width digits); underscores may group digits.
     */
    public static long parse(String text) {
        String t = text.strip().replace("_", "");
        if (t.startsWith("-")) {
            throw new NumberFormatException("negative number: " + text);
        }
        boolean hex = t.startsWith("0x") || t.startsWith("0X");
        String digits = hex ? t.substring(2) : t;
        if (!digits.matches(hex ? "[0-9a-fA-F]+" : "[0-9]+")) {
            throw new NumberFormatException("not a decimal or 0x-prefixed hex number: " + text);
        }
        return Long.parseUnsignedLong(digits, hex ? 16 : 10);
    }
}
