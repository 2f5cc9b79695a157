package io.guestram;

/** Called once per chunk by {@link GuestRam#touch}; libsel4vm's {@code ram_touch_callback_fn}. */
@FunctionalInterface
public interface TouchCallback {

    /** Returns 0 to go on; any other value stops the walk and is what touch returns. */
    int onChunk(Chunk chunk, ChunkMemory memory);
}
