package io.guestram.conformance.broken;

import io.guestram.Chunk;
import io.guestram.ChunkMemory;
import io.guestram.Config;
import io.guestram.TouchCallback;
import io.guestram.U64;

/** Bug: a chunk runs one byte past its page boundary (the end computed inclusive, then +1). */
public final class TouchOffByOne extends ForwardingGuestRam {

    public TouchOffByOne(Config config) {
        super(config);
    }

    @Override
    public int touch(long address, long size, TouchCallback callback) {
        delegate.touch(address, size, (chunk, memory) -> 1);
        long page = config().pageSize();
        long last = address + size - 1;
        long current = address;
        while (true) {
            long chunkLast = U64.min(U64.alignDown(current, page) + page, last);
            Chunk chunk = new Chunk(current, chunkLast - current + 1, current - address);
            int result = callback.onChunk(chunk, memoryOf(chunk));
            if (result != 0) {
                return result;
            }
            if (chunkLast == last) {
                return 0;
            }
            current = chunkLast + 1;
        }
    }

    /** The chunk's bytes, read and written through the correct delegate. */
    private ChunkMemory memoryOf(Chunk chunk) {
        return new ChunkMemory() {
            @Override
            public void copyTo(byte[] destination, int destinationOffset) {
                byte[] bytes = delegate.read(chunk.guestAddress(), (int) chunk.size());
                System.arraycopy(bytes, 0, destination, destinationOffset, bytes.length);
            }

            @Override
            public void copyFrom(byte[] source, int sourceOffset) {
                byte[] bytes = new byte[(int) chunk.size()];
                System.arraycopy(source, sourceOffset, bytes, 0, bytes.length);
                delegate.write(chunk.guestAddress(), bytes);
            }
        };
    }
}
