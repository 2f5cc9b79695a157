package io.guestram.model;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.U64;
import io.guestram.Window;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * The reference model of profile {@code spec}: spec/GuestRam.tla transliterated action by
 * action over two address sets, {@code registered} (R) and {@code allocated} (A, inside R), plus
 * the non-zero bytes of guest memory. Each public method checks the table's error conditions in
 * the table's order, then applies the action. Simple over fast: linear scans throughout.
 */
public final class ReferenceModel implements GuestRam {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final Config config;
    private final Intervals registered;
    private final Intervals allocated;
    private final SparseBytes contents;

    public ReferenceModel(Config config) {
        this(config, new Intervals(), new Intervals(), new SparseBytes());
        if (config.profile() != Profile.SPEC) {
            throw new IllegalArgumentException("ReferenceModel implements profile spec, not " + config.profile().label());
        }
    }

    private ReferenceModel(Config config, Intervals registered, Intervals allocated, SparseBytes contents) {
        this.config = config;
        this.registered = registered;
        this.allocated = allocated;
        this.contents = contents;
    }

    /** An independent copy, for the explorer and the shrinker. */
    public ReferenceModel copy() {
        return new ReferenceModel(config, registered.copy(), allocated.copy(), contents.copy());
    }

    @Override
    public Config config() {
        return config;
    }

    // RegisterAt: a valid range none of whose bytes is registered joins R.
    @Override
    public void registerAt(long start, long size, boolean untyped) {
        requireValid(start, size);
        if (registered.intersects(start, start + size - 1)) {
            throw reject(ErrorCode.OVERLAP, start, size, "overlaps registered RAM");
        }
        registered.add(start, start + size - 1);
    }

    // Register: the lowest page-aligned place inside one window, disjoint from R.
    @Override
    public long register(long size) {
        if (size == 0) {
            throw reject(ErrorCode.INVALID_RANGE, 0, size, "size is 0");
        }
        for (Window window : config.windows()) {
            Optional<Long> place = lowestAlignedFit(window, size);
            if (place.isPresent()) {
                registered.add(place.get(), place.get() + size - 1);
                return place.get();
            }
        }
        throw reject(ErrorCode.NO_SPACE, 0, size, "no aligned fit in any window");
    }

    /**
     * The lowest aligned start in {@code window} for {@code size} bytes clear of R. Only the
     * window's start and the ends of registered runs can be lowest, so only those are tried.
     */
    private Optional<Long> lowestAlignedFit(Window window, long size) {
        List<Long> candidates = new ArrayList<>();
        candidates.add(window.first());
        for (long[] run : registered.runs()) {
            if (run[1] != U64.MAX) {
                candidates.add(run[1] + 1);
            }
        }
        long best = 0;
        boolean found = false;
        for (long candidate : candidates) {
            Optional<Long> aligned = alignUp(U64.max(candidate, window.first()));
            if (aligned.isEmpty()) {
                continue;
            }
            long a = aligned.get();
            boolean inWindow = U64.atMost(a, window.last()) && U64.atMost(size - 1, window.last() - a);
            if (inWindow && !registered.intersects(a, a + size - 1) && (!found || U64.lessThan(a, best))) {
                best = a;
                found = true;
            }
        }
        return found ? Optional.of(best) : Optional.empty();
    }

    private Optional<Long> alignUp(long address) {
        long down = U64.alignDown(address, config.pageSize());
        if (down == address) {
            return Optional.of(address);
        }
        long up = down + config.pageSize();
        return up == 0 ? Optional.empty() : Optional.of(up);
    }

    // MarkAllocated: a valid range of registered, unallocated bytes joins A.
    @Override
    public void markAllocated(long start, long size) {
        requireValid(start, size);
        long last = start + size - 1;
        if (!registered.containsAll(start, last)) {
            throw reject(ErrorCode.NOT_RAM, start, size, "not all registered");
        }
        if (allocated.intersects(start, last)) {
            throw reject(ErrorCode.ALREADY_ALLOCATED, start, size, "partly allocated");
        }
        allocated.add(start, last);
    }

    // Allocate: the lowest run of size free bytes joins A.
    @Override
    public long allocate(long size) {
        if (size == 0) {
            throw reject(ErrorCode.INVALID_RANGE, 0, size, "size is 0");
        }
        for (long[] run : freeRuns()) {
            if (U64.atMost(size - 1, run[1] - run[0])) {
                allocated.add(run[0], run[0] + size - 1);
                return run[0];
            }
        }
        throw reject(ErrorCode.NO_SPACE, 0, size, "no free run that long");
    }

    // Free: a valid range of allocated bytes leaves A.
    @Override
    public void free(long start, long size) {
        requireValid(start, size);
        if (!allocated.containsAll(start, start + size - 1)) {
            throw reject(ErrorCode.NOT_ALLOCATED, start, size, "not all allocated");
        }
        allocated.remove(start, start + size - 1);
    }

    // Largest: LargestFree == CHOOSE r \in freeRuns : \A q \in freeRuns : q[2] < r[2] \/ (q[2] = r[2] /\ r[1] <= q[1]),
    // checked run against run as written. Sizes are exact integers, as in the spec: a run may be 2^64 bytes long.
    @Override
    public Region findLargestFreeRegion() {
        List<long[]> runs = freeRuns();
        List<BigInteger> sizes = new ArrayList<>();
        for (long[] run : runs) {
            sizes.add(exact(run[1]).subtract(exact(run[0])).add(BigInteger.ONE));
        }
        for (int r = 0; r < runs.size(); r++) {
            boolean chosen = true;
            for (int q = 0; q < runs.size() && chosen; q++) {
                int bySize = sizes.get(q).compareTo(sizes.get(r));
                chosen = bySize < 0 || bySize == 0 && U64.atMost(runs.get(r)[0], runs.get(q)[0]);
            }
            if (chosen) {
                // The README's one edge without a 64-bit answer: a run of 2^64 bytes is reported as 2^64 - 1 bytes.
                BigInteger size = sizes.get(r);
                BigInteger reported = size.equals(TWO_TO_64) ? TWO_TO_64.subtract(BigInteger.ONE) : size;
                return new Region(runs.get(r)[0], reported.longValue());
            }
        }
        throw new GuestRamException(ErrorCode.NO_FREE_REGION, "no free registered byte");
    }

    // Touch: TouchCode(a, n), then the walk ChunksOf(a, n) == ChunksFrom(a, a, a + n), each chunk
    // <<cur, next - cur, cur - a>> with next == Min((cur \div PageSize + 1) * PageSize, end).
    // cur, next and end are exact integers, as in the spec: end may be 2^64.
    @Override
    public int touch(long address, long size, TouchCallback callback) {
        requireTouchable(address, size);
        BigInteger a = exact(address);
        BigInteger end = a.add(exact(size));
        BigInteger page = exact(config.pageSize());
        BigInteger cur = a;
        while (cur.compareTo(end) < 0) {
            BigInteger next = cur.divide(page).add(BigInteger.ONE).multiply(page).min(end);
            Chunk chunk = new Chunk(cur.longValue(), next.subtract(cur).longValue(), cur.subtract(a).longValue());
            int result = callback.onChunk(chunk, contents.at(chunk.guestAddress(), chunk.size()));
            if (result != 0) {
                return result;
            }
            cur = next;
        }
        return 0;
    }

    // Read, from the README: accepted as touch(a, n) is, and byte i is the guest byte at a + i.
    @Override
    public byte[] read(long address, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative read size " + size);
        }
        requireTouchable(address, size);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = contents.get(address + i);
        }
        return bytes;
    }

    // Write, from the README: accepted as touch(a, n) is, and guest byte a + i becomes data[i].
    @Override
    public void write(long address, byte[] data) {
        requireTouchable(address, data.length);
        for (int i = 0; i < data.length; i++) {
            contents.put(address + i, data[i]);
        }
    }

    @Override
    public List<Piece> memoryMap() {
        List<long[]> used = allocated.runs();
        List<long[]> runs = registered.runs();
        List<Piece> pieces = new ArrayList<>(runs.size() + 2 * used.size()); // each allocated run adds at most two
        int next = 0; // the allocated runs lie inside the registered ones, both in address order: one pass
        for (long[] run : runs) {
            long cursor = run[0];
            while (next < used.size() && U64.lessThan(used.get(next)[1], run[0])) {
                next++;
            }
            for (int i = next; i < used.size() && U64.atMost(used.get(i)[0], run[1]); i++) {
                long[] a = used.get(i);
                if (U64.lessThan(cursor, a[0])) {
                    pieces.add(new Piece(cursor, a[0] - 1, false));
                }
                pieces.add(new Piece(a[0], a[1], true));
                cursor = a[1] + 1;
            }
            boolean tailLeft = pieces.isEmpty() || pieces.get(pieces.size() - 1).last() != run[1];
            if (tailLeft) {
                pieces.add(new Piece(cursor, run[1], false));
            }
        }
        return pieces;
    }

    /**
     * How many times R or A has been changed: while this count stays the same, so does
     * {@link #memoryMap()}, which a caller may then keep instead of asking again. Not part of the
     * state (equal models may count differently).
     */
    public long mapChanges() {
        return registered.changes() + allocated.changes();
    }

    /** R minus A as maximal runs: free bytes are contiguous across adjacent registrations. */
    private List<long[]> freeRuns() {
        return registered.minus(allocated);
    }

    // TouchCode(a, n): INVALID_RANGE, then NOT_RAM, else OK; read and write share it (within the model).
    private void requireTouchable(long address, long size) {
        requireValid(address, size);
        if (!registered.containsAll(address, address + size - 1)) {
            throw reject(ErrorCode.NOT_RAM, address, size, "not all registered");
        }
    }

    // ValidRange(s, n) == n > 0 /\ s + n <= Limit, with s + n and Limit exact integers (either may be 2^64).
    private void requireValid(long start, long size) {
        BigInteger limit = exact(config.lastAddress()).add(BigInteger.ONE);
        boolean valid = size != 0 && exact(start).add(exact(size)).compareTo(limit) <= 0;
        if (!valid) {
            throw reject(ErrorCode.INVALID_RANGE, start, size,
                    size == 0 ? "size is 0" : "does not fit below the address limit");
        }
    }

    /** The unsigned 64-bit value of {@code value} as an exact integer, as the spec's integers are. */
    private static BigInteger exact(long value) {
        BigInteger signed = BigInteger.valueOf(value);
        return value >= 0 ? signed : signed.add(TWO_TO_64); // two's complement: a negative long is its unsigned value - 2^64
    }

    private static GuestRamException reject(ErrorCode code, long start, long size, String why) {
        return new GuestRamException(code, U64.hex(start) + "+" + U64.hex(size) + ": " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceModel m && m.config.equals(config) && m.registered.equals(registered)
                && m.allocated.equals(allocated) && m.contents.equals(contents);
    }

    /**
     * One hash over the registered runs' ends, then the allocated ones', in order (the contents are
     * left out: equal states still hash alike). {@code 31 * registered.hashCode() + allocated.hashCode()}
     * gave the 729 states of a 6-address space only 576 codes, and the explorer keeps such states
     * in hash sets; this one gives them 729.
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(LongStream.concat(registered.ends(), allocated.ends()).toArray());
    }
}
