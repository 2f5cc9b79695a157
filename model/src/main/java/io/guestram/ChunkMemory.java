package io.guestram;

/**
 * The guest bytes of the chunk being visited, as libsel4vm's {@code vmm_vaddr} gives them.
 * Both methods copy exactly the chunk's {@code size} bytes.
 */
public interface ChunkMemory {

    /** Copies the chunk's bytes into {@code destination} starting at {@code destinationOffset}. */
    void copyTo(byte[] destination, int destinationOffset);

    /** Overwrites the chunk's bytes from {@code source} starting at {@code sourceOffset}. */
    void copyFrom(byte[] source, int sourceOffset);
}
