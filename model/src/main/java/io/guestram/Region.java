package io.guestram;

/**
 * A non-empty, half-open range of guest addresses {@code [start, start + size)}, unsigned.
 *
 * <p>The range may end exactly at 2^64 ({@code last() == -1L}). Only profile sel4 makes one that
 * wraps past 2^64: libsel4vm's entries are unchecked {@code uintptr_t} sums, and
 * find_largest_free_region returns such an entry's start and size as they are ({@link #wraps()};
 * {@link #last()}, {@link #contains} and {@link #overlaps} are then meaningless). A range of all
 * 2^64 addresses cannot be written with a 64-bit size and is therefore not a {@code Region}.
 */
public record Region(long start, long size) {

    public Region {
        if (size == 0) {
            throw new IllegalArgumentException("empty region at " + U64.hex(start));
        }
    }

    /** The range passes 2^64 (only libsel4vm's unchecked arithmetic makes such a region). */
    public boolean wraps() {
        return !U64.fits(start, size, U64.MAX);
    }

    /** The region with first byte {@code start} and last byte {@code last} (inclusive). */
    public static Region span(long start, long last) {
        if (U64.lessThan(last, start)) {
            throw new IllegalArgumentException(
                    "last " + U64.hex(last) + " below start " + U64.hex(start));
        }
        if (start == 0 && last == U64.MAX) {
            throw new IllegalArgumentException("a region of all 2^64 addresses has no 64-bit size");
        }
        return new Region(start, last - start + 1);
    }

    /** The last byte of the region (inclusive), for a region that does not wrap. */
    public long last() {
        return start + size - 1;
    }

    public boolean contains(long address) {
        return U64.atMost(start, address) && U64.atMost(address, last());
    }

    public boolean contains(Region other) {
        return contains(other.start) && contains(other.last());
    }

    public boolean overlaps(Region other) {
        return U64.atMost(start, other.last()) && U64.atMost(other.start, last());
    }

    @Override
    public String toString() {
        return "[" + U64.hex(start) + ", +" + U64.hex(size) + ")";
    }
}
