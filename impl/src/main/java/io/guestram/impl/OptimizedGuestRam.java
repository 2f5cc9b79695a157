package io.guestram.impl;

import io.guestram.Chunk;
import io.guestram.ChunkMemory;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.SelfChecking;
import io.guestram.TouchCallback;
import io.guestram.U64;
import io.guestram.Window;
import java.util.List;
import java.util.OptionalLong;

/**
 * The production guest RAM of profile {@code spec}: observably identical to
 * {@link io.guestram.model.ReferenceModel} (same results, same error codes in the same order of
 * precedence, same chunks, same bytes, same memory map), built for millions of pieces.
 *
 * <p>The address space is a {@link PieceTree} of free, allocated and unregistered pieces, and
 * the contents are {@link PagedMemory}. With n the number of pieces and w the number of
 * windows: {@code registerAt}, {@code markAllocated}, {@code allocate}, {@code free} and
 * {@code findLargestFreeRegion} take O(log n); {@code register} O(w log n); {@code touch},
 * {@code read} and {@code write} O(log n + pages); {@code memoryMap} O(n). A piece costs 9
 * bytes in a full leaf of the B-tree; about 16 bytes of retained heap per piece at 10^6 pieces added
 * in address order, leaves and pool slack included (JOL, bench/RESULTS.md).
 *
 * <p>Every call checks its error conditions in the model's order before changing anything, so a
 * rejected call leaves the state untouched. {@code touch} never changes the allocation state;
 * an exception thrown by its callback propagates, and the bytes written by earlier chunks stay
 * written, as in the model.
 *
 * <p><b>This class is not thread-safe.</b> Callers that share an instance must synchronize.
 */
public final class OptimizedGuestRam implements GuestRam, SelfChecking {

    private final Config config;
    private final PieceTree pieces;
    private final PagedMemory memory = new PagedMemory();

    /** A guest RAM with nothing registered; {@code config} must be of profile spec. */
    public OptimizedGuestRam(Config config) {
        this(config, PieceTree.LEAF_BITS, PieceTree.FANOUT_BITS);
    }

    /** With {@code 2^leafBits} pieces per leaf and {@code 2^fanoutBits} children per inner node: tests use small nodes. */
    OptimizedGuestRam(Config config, int leafBits, int fanoutBits) {
        if (config.profile() != Profile.SPEC) {
            throw new IllegalArgumentException(
                    "OptimizedGuestRam implements profile spec, not " + config.profile().label());
        }
        this.config = config;
        this.pieces = new PieceTree(config.pageSize(), leafBits, fanoutBits);
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public void registerAt(long start, long size, boolean untyped) {
        requireValid(start, size);
        long last = start + size - 1;
        // A range clear of registered bytes lies inside one gap, as gaps are maximal.
        if (!pieces.repaint(start, last, PieceTree.GAP, PieceTree.FREE)) {
            throw reject(ErrorCode.OVERLAP, start, size, "overlaps registered RAM");
        }
    }

    @Override
    public long register(long size) {
        if (size == 0) {
            throw reject(ErrorCode.INVALID_RANGE, 0, size, "size is 0");
        }
        for (Window window : config.windows()) {
            OptionalLong place = pieces.lowestAlignedFit(window.first(), window.last(), size);
            if (place.isPresent()) {
                long start = place.getAsLong();
                boolean painted = pieces.repaint(start, start + size - 1, PieceTree.GAP, PieceTree.FREE);
                assert painted : "an aligned fit lies inside one gap";
                return start;
            }
        }
        throw reject(ErrorCode.NO_SPACE, 0, size, "no aligned fit in any window");
    }

    @Override
    public void markAllocated(long start, long size) {
        requireValid(start, size);
        long last = start + size - 1;
        // All registered and none allocated means one maximal free piece holds the range, so
        // repaint succeeds exactly when neither error applies; only a rejected call pays for the
        // second lookup that tells NOT_RAM (which comes first) from ALREADY_ALLOCATED.
        if (!pieces.repaint(start, last, PieceTree.FREE, PieceTree.ALLOCATED)) {
            if (pieces.anyGapIn(start, last)) {
                throw reject(ErrorCode.NOT_RAM, start, size, "not all registered");
            }
            throw reject(ErrorCode.ALREADY_ALLOCATED, start, size, "partly allocated");
        }
    }

    @Override
    public long allocate(long size) {
        if (size == 0) {
            throw reject(ErrorCode.INVALID_RANGE, 0, size, "size is 0");
        }
        if (!pieces.hasFreeRun(size)) {
            throw reject(ErrorCode.NO_SPACE, 0, size, "no free run that long");
        }
        long start = pieces.lowestFreeRun(size);
        boolean painted = pieces.repaint(start, start + size - 1, PieceTree.FREE, PieceTree.ALLOCATED);
        assert painted : "the run starts a free piece at least size long";
        return start;
    }

    @Override
    public void free(long start, long size) {
        requireValid(start, size);
        long last = start + size - 1;
        // All allocated means inside one allocated piece, as allocated pieces are maximal.
        if (!pieces.repaint(start, last, PieceTree.ALLOCATED, PieceTree.FREE)) {
            throw reject(ErrorCode.NOT_ALLOCATED, start, size, "not all allocated");
        }
    }

    @Override
    public Region findLargestFreeRegion() {
        long longest = pieces.longestFreeRun();
        if (longest == 0) {
            throw new GuestRamException(ErrorCode.NO_FREE_REGION, "no free registered byte");
        }
        long first = pieces.lowestFreeRun(longest);
        // The length saturates at 2^64 - 1, so a run of all 2^64 addresses comes out as its first
        // 2^64 - 1 bytes, which is how the model reports it; every shorter run comes out whole.
        return Region.span(first, first + longest - 1);
    }

    @Override
    public int touch(long address, long size, TouchCallback callback) {
        long last = requireRegistered(address, size);
        long pageSize = config.pageSize();
        long current = address;
        while (true) {
            long chunkLast = U64.min(U64.alignDown(current, pageSize) + pageSize - 1, last);
            Chunk chunk = new Chunk(current, chunkLast - current + 1, current - address);
            int result = callback.onChunk(chunk, new ChunkView(current, (int) chunk.size()));
            if (result != 0) {
                return result;
            }
            if (chunkLast == last) {
                return 0;
            }
            current = chunkLast + 1;
        }
    }

    /** The bytes straight from guest memory, after the checks of a touch of the same range. */
    @Override
    public byte[] read(long address, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative read size " + size);
        }
        requireRegistered(address, size);
        byte[] buffer = new byte[size];
        memory.read(address, buffer, 0, size);
        return buffer;
    }

    /** The bytes straight into guest memory, after the checks of a touch of the same range. */
    @Override
    public void write(long address, byte[] data) {
        requireRegistered(address, data.length);
        memory.write(address, data, 0, data.length);
    }

    @Override
    public List<Piece> memoryMap() {
        return pieces.registeredPieces();
    }

    @Override
    public void checkInvariants() {
        pieces.checkInvariants();
    }

    /** The piece tree, for tests that compare its searches with their linear-scan oracles. */
    PieceTree pieces() {
        return pieces;
    }

    /** The number of 4 KiB frames of guest memory that hold storage. */
    int residentFrames() {
        return memory.residentFrames();
    }

    /** Touch's checks: INVALID_RANGE, then NOT_RAM; returns the range's last byte. */
    private long requireRegistered(long address, long size) {
        requireValid(address, size);
        long last = address + size - 1;
        if (pieces.anyGapIn(address, last)) {
            throw reject(ErrorCode.NOT_RAM, address, size, "not all registered");
        }
        return last;
    }

    private void requireValid(long start, long size) {
        if (!config.isValid(start, size)) {
            throw reject(ErrorCode.INVALID_RANGE, start, size,
                    size == 0 ? "size is 0" : "does not fit below the address limit");
        }
    }

    private static GuestRamException reject(ErrorCode code, long start, long size, String why) {
        return new GuestRamException(code, U64.hex(start) + "+" + U64.hex(size) + ": " + why);
    }

    /**
     * The bytes of one chunk. A caller's array that is too short gets what the model's
     * byte-by-byte loop would copy before it fails: the bytes up to the array's end, then an
     * {@link ArrayIndexOutOfBoundsException}.
     */
    private final class ChunkView implements ChunkMemory {
        private final long address;
        private final int size;

        ChunkView(long address, int size) {
            this.address = address;
            this.size = size;
        }

        @Override
        public void copyTo(byte[] destination, int destinationOffset) {
            int n = validPrefix(destination.length, destinationOffset, size);
            memory.read(address, destination, destinationOffset, n);
            failIfShort(n, destination.length, destinationOffset);
        }

        @Override
        public void copyFrom(byte[] source, int sourceOffset) {
            int n = validPrefix(source.length, sourceOffset, size);
            memory.write(address, source, sourceOffset, n);
            failIfShort(n, source.length, sourceOffset);
        }

        private void failIfShort(int copied, int arrayLength, int offset) {
            if (copied < size) {
                throw new ArrayIndexOutOfBoundsException(
                        "Index " + (offset + copied) + " out of bounds for length " + arrayLength);
            }
        }
    }

    /** How many of {@code size} indices from {@code offset} on lie inside an array of that length. */
    private static int validPrefix(int arrayLength, int offset, int size) {
        if (offset < 0 || offset >= arrayLength) {
            return 0;
        }
        return Math.min(size, arrayLength - offset);
    }
}
