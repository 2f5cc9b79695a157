package io.guestram;

/**
 * A maximal run of registered bytes {@code first..last} (inclusive) that are all free or all
 * allocated. A memory map lists pieces in address order; two adjacent pieces never share a kind.
 */
public record Piece(long first, long last, boolean allocated) {

    public Piece {
        if (U64.lessThan(last, first)) {
            throw new IllegalArgumentException(
                    "piece last " + U64.hex(last) + " is below its first " + U64.hex(first));
        }
    }

    /** The number of bytes; 0 stands for 2^64 (a piece covering the whole address space). */
    public long size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return (allocated ? "A" : "F") + "[" + U64.hex(first) + ".." + U64.hex(last) + "]";
    }
}
