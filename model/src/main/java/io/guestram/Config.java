package io.guestram;

import java.util.List;

/**
 * What a guest RAM is configured with: its profile, the last usable address ({@code L - 1} for
 * an address limit {@code L}; {@link U64#MAX} for the default limit 2^64), the page size
 * {@code P} (a power of two up to 2^30) and the ordered, disjoint anonymous windows that
 * {@code register} takes space from.
 */
public record Config(Profile profile, long lastAddress, long pageSize, List<Window> windows) {

    public static final long DEFAULT_PAGE_SIZE = 4096;
    public static final long MAX_PAGE_SIZE = 1L << 30;

    public Config {
        if (profile == null) {
            throw new IllegalArgumentException("profile is missing");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException(
                    "page size " + pageSize + " is not a power of two between 1 and 2^30");
        }
        windows = List.copyOf(windows);
        Window previous = null;
        for (Window w : windows) {
            if (U64.lessThan(lastAddress, w.last())) {
                throw new IllegalArgumentException(
                        "window " + w + " reaches past the last address " + U64.hex(lastAddress));
            }
            if (previous != null && !U64.lessThan(previous.last(), w.first())) {
                throw new IllegalArgumentException(
                        "windows " + previous + " and " + w + " overlap or are out of order");
            }
            previous = w;
        }
    }

    /**
     * Limit 2^64 and 4 KiB pages. Profile spec: one window over the whole address space. Profile
     * sel4: one window over the upper half, since libsel4vm reserves a window's pages and
     * register_at anywhere inside one fails.
     */
    public static Config defaults(Profile profile) {
        long windowFirst = profile == Profile.SEL4 ? 1L << 63 : 0;
        return new Config(profile, U64.MAX, DEFAULT_PAGE_SIZE, List.of(new Window(windowFirst, U64.MAX)));
    }

    /** A small address space {@code [0, limit)}, as the TLA+ model configurations use. */
    public static Config bounded(Profile profile, long limit, long pageSize, List<Window> windows) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit + " must be at least 1");
        }
        return new Config(profile, limit - 1, pageSize, windows);
    }

    public Config withProfile(Profile other) {
        return new Config(other, lastAddress, pageSize, windows);
    }

    /** True iff {@code [start, start + size)} is a valid range: non-empty and below the limit. */
    public boolean isValid(long start, long size) {
        return U64.fits(start, size, lastAddress);
    }

    @Override
    public String toString() {
        String limit = lastAddress == U64.MAX ? "2^64" : Long.toUnsignedString(lastAddress + 1);
        return "profile=" + profile.label() + " limit=" + limit + " page=" + pageSize + " windows=" + windows;
    }
}
