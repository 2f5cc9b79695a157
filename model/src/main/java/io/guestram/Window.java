package io.guestram;

/**
 * An anonymous window from which {@code register} takes space: the addresses {@code first}
 * to {@code last}, both inclusive, so that the default window can be all 2^64 addresses.
 */
public record Window(long first, long last) {

    public Window {
        if (U64.lessThan(last, first)) {
            throw new IllegalArgumentException(
                    "window last " + U64.hex(last) + " is below its first " + U64.hex(first));
        }
    }

    /** The window {@code [start, end)} with an exclusive end below 2^64. */
    public static Window of(long start, long end) {
        if (!U64.lessThan(start, end)) {
            throw new IllegalArgumentException(
                    "window [" + U64.hex(start) + ", " + U64.hex(end) + ") is empty");
        }
        return new Window(start, end - 1);
    }

    @Override
    public String toString() {
        return "[" + U64.hex(first) + ", " + U64.hex(last) + "]";
    }
}
