package io.guestram.model;

import io.guestram.ChunkMemory;
import java.util.HashMap;
import java.util.Map;

/** Guest memory as a map from address to byte, holding only non-zero bytes: never-written bytes read 0. */
final class SparseBytes {

    private final Map<Long, Byte> nonZero;

    SparseBytes() {
        this(new HashMap<>());
    }

    private SparseBytes(Map<Long, Byte> nonZero) {
        this.nonZero = nonZero;
    }

    SparseBytes copy() {
        return new SparseBytes(new HashMap<>(nonZero));
    }

    /** The byte at {@code address}: 0 unless written. */
    byte get(long address) {
        return nonZero.getOrDefault(address, (byte) 0);
    }

    /** Sets the byte at {@code address}. */
    void put(long address, byte value) {
        if (value == 0) {
            nonZero.remove(address);
        } else {
            nonZero.put(address, value);
        }
    }

    /** The {@code size} bytes at {@code address} (wrapping past 2^64 as C pointers would). */
    ChunkMemory at(long address, long size) {
        return new ChunkMemory() {
            @Override
            public void copyTo(byte[] destination, int destinationOffset) {
                for (int i = 0; i < size; i++) {
                    destination[destinationOffset + i] = get(address + i);
                }
            }

            @Override
            public void copyFrom(byte[] source, int sourceOffset) {
                for (int i = 0; i < size; i++) {
                    put(address + i, source[sourceOffset + i]);
                }
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseBytes s && s.nonZero.equals(nonZero);
    }

    @Override
    public int hashCode() {
        return nonZero.hashCode();
    }
}
