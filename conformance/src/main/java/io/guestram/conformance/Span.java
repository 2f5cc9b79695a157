package io.guestram.conformance;

import io.guestram.U64;

/**
 * The addresses {@code first..last}, both inclusive, so that a span may cover all 2^64
 * addresses. {@link #extent()} ({@code last - first}) never wraps, unlike a byte count.
 */
public record Span(long first, long last) {

    public Span {
        if (U64.lessThan(last, first)) {
            throw new IllegalArgumentException("span last " + U64.hex(last) + " below first " + U64.hex(first));
        }
    }

    /** The number of bytes minus one: comparable between spans without overflow. */
    public long extent() {
        return last - first;
    }

    /** {@code size} bytes from {@code first}, or fewer if the span ends sooner (size >= 1). */
    public long clip(long size) {
        return U64.min(size - 1, extent()) + 1;
    }

    public boolean contains(long address) {
        return U64.atMost(first, address) && U64.atMost(address, last);
    }

    /** The next address after the span, if it does not end at 2^64 - 1. */
    public boolean hasNext() {
        return last != U64.MAX;
    }

    @Override
    public String toString() {
        return "[" + U64.hex(first) + ".." + U64.hex(last) + "]";
    }
}
