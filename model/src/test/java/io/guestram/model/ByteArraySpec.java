package io.guestram.model;

import io.guestram.Chunk;
import io.guestram.ChunkMemory;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Profile spec over arrays, for limits below 2^31: one boolean per address for R, one for A and
 * one byte of memory per address, each call the README's table read literally (the lowest
 * aligned fit found by trying every aligned start, the lowest free run by trying every start).
 * It shares nothing with {@link ReferenceModel} or the implementation.
 */
public final class ByteArraySpec implements GuestRam {
    private final Config config;
    private final int limit;
    private final boolean[] registered;
    private final boolean[] allocated;
    private final byte[] memory;

    public ByteArraySpec(Config config) {
        this.config = config;
        this.limit = Math.toIntExact(config.lastAddress() + 1);
        this.registered = new boolean[limit];
        this.allocated = new boolean[limit];
        this.memory = new byte[limit];
    }

    @Override
    public Config config() {
        return config;
    }

    /** Valid: non-empty and every byte below the limit, with sizes as unsigned 64-bit numbers. */
    private boolean valid(long start, long size) {
        return size != 0 && start >= 0 && start < limit && size > 0 && size <= limit - start;
    }

    private boolean all(boolean[] set, long start, long size, boolean value) {
        for (long a = start; a < start + size; a++) {
            if (set[(int) a] != value) {
                return false;
            }
        }
        return true;
    }

    private void paint(boolean[] set, long start, long size, boolean value) {
        for (long a = start; a < start + size; a++) {
            set[(int) a] = value;
        }
    }

    private static GuestRamException fail(ErrorCode code) {
        return new GuestRamException(code, "byte-array spec");
    }

    @Override
    public void registerAt(long start, long size, boolean untyped) {
        if (!valid(start, size)) {
            throw fail(ErrorCode.INVALID_RANGE);
        }
        if (!all(registered, start, size, false)) {
            throw fail(ErrorCode.OVERLAP);
        }
        paint(registered, start, size, true);
    }

    @Override
    public long register(long size) {
        if (size == 0) {
            throw fail(ErrorCode.INVALID_RANGE);
        }
        for (Window w : config.windows()) {
            for (long a = 0; a < limit; a += config.pageSize()) {
                boolean inWindow = a >= w.first() && size > 0 && size - 1 <= w.last() - a && a <= w.last();
                if (inWindow && all(registered, a, size, false)) {
                    paint(registered, a, size, true);
                    return a;
                }
            }
        }
        throw fail(ErrorCode.NO_SPACE);
    }

    @Override
    public void markAllocated(long start, long size) {
        if (!valid(start, size)) {
            throw fail(ErrorCode.INVALID_RANGE);
        }
        if (!all(registered, start, size, true)) {
            throw fail(ErrorCode.NOT_RAM);
        }
        if (!all(allocated, start, size, false)) {
            throw fail(ErrorCode.ALREADY_ALLOCATED);
        }
        paint(allocated, start, size, true);
    }

    private boolean free(long a) {
        return registered[(int) a] && !allocated[(int) a];
    }

    @Override
    public long allocate(long size) {
        if (size == 0) {
            throw fail(ErrorCode.INVALID_RANGE);
        }
        for (long s = 0; size > 0 && size <= limit - s; s++) {
            boolean allFree = true;
            for (long a = s; a < s + size && allFree; a++) {
                allFree = free(a);
            }
            if (allFree) {
                paint(allocated, s, size, true);
                return s;
            }
        }
        throw fail(ErrorCode.NO_SPACE);
    }

    @Override
    public void free(long start, long size) {
        if (!valid(start, size)) {
            throw fail(ErrorCode.INVALID_RANGE);
        }
        if (!all(allocated, start, size, true)) {
            throw fail(ErrorCode.NOT_ALLOCATED);
        }
        paint(allocated, start, size, false);
    }

    @Override
    public Region findLargestFreeRegion() {
        long bestStart = -1;
        long bestLength = 0;
        for (int a = 0; a < limit; a++) {
            if (free(a) && (a == 0 || !free(a - 1))) {
                int end = a;
                while (end < limit && free(end)) {
                    end++;
                }
                if (end - a > bestLength) {
                    bestStart = a;
                    bestLength = end - a;
                }
            }
        }
        if (bestLength == 0) {
            throw fail(ErrorCode.NO_FREE_REGION);
        }
        return new Region(bestStart, bestLength);
    }

    @Override
    public int touch(long address, long size, TouchCallback callback) {
        if (!valid(address, size)) {
            throw fail(ErrorCode.INVALID_RANGE);
        }
        if (!all(registered, address, size, true)) {
            throw fail(ErrorCode.NOT_RAM);
        }
        long page = config.pageSize();
        for (long at = address; at < address + size; ) {
            long end = Math.min((at / page + 1) * page, address + size);
            int from = (int) at;
            int n = (int) (end - at);
            int result = callback.onChunk(new Chunk(at, n, at - address), new ChunkMemory() {
                @Override
                public void copyTo(byte[] destination, int offset) {
                    for (int i = 0; i < n; i++) {
                        destination[offset + i] = memory[from + i];
                    }
                }

                @Override
                public void copyFrom(byte[] source, int offset) {
                    for (int i = 0; i < n; i++) {
                        memory[from + i] = source[offset + i];
                    }
                }
            });
            if (result != 0) {
                return result;
            }
            at = end;
        }
        return 0;
    }

    /** As touch decides, then byte i is memory[address + i]. */
    @Override
    public byte[] read(long address, int size) {
        touch(address, size, (chunk, memory) -> 0);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = memory[(int) address + i];
        }
        return bytes;
    }

    /** As touch decides, then memory[address + i] is data[i]. */
    @Override
    public void write(long address, byte[] data) {
        touch(address, data.length, (chunk, memory) -> 0);
        for (int i = 0; i < data.length; i++) {
            memory[(int) address + i] = data[i];
        }
    }

    @Override
    public List<Piece> memoryMap() {
        List<Piece> pieces = new ArrayList<>();
        for (int a = 0; a < limit; a++) {
            boolean startsPiece = registered[a] && (a == 0 || !registered[a - 1] || allocated[a - 1] != allocated[a]);
            if (startsPiece) {
                int end = a;
                while (end + 1 < limit && registered[end + 1] && allocated[end + 1] == allocated[a]) {
                    end++;
                }
                pieces.add(new Piece(a, end, allocated[a]));
            }
        }
        return pieces;
    }

    /** The first or last byte of some piece, or 0 when there is none. */
    long someBoundary(Random random) {
        List<Piece> map = memoryMap();
        if (map.isEmpty()) {
            return 0;
        }
        Piece p = map.get(random.nextInt(map.size()));
        return random.nextBoolean() ? p.first() : p.last() + 1;
    }
}
