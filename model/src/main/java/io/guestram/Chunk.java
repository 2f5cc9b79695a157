package io.guestram;

/**
 * One step of a touch: {@code size} bytes at guest address {@code guestAddress}, which lie
 * {@code offset} bytes after the address the touch started at. A chunk never crosses a page.
 */
public record Chunk(long guestAddress, long size, long offset) {

    @Override
    public String toString() {
        return "(" + U64.hex(guestAddress) + ", " + U64.hex(size) + ", " + U64.hex(offset) + ")";
    }
}
