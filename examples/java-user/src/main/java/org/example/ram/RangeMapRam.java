package org.example.ram;

import io.guestram.Chunk;
import io.guestram.ChunkMemory;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.U64;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small guest RAM of a user's own, written against guestram's API only: the address space is a
 * sorted map from each boundary to the state of the bytes from there up to the next boundary
 * (unregistered, free or allocated); contents are a map from address to byte. Simple rather than
 * fast: allocate and find-largest walk every run. With {@code broken} set, {@code free} forgets to
 * free, which the conformance test catches and shrinks.
 */
public final class RangeMapRam implements GuestRam {

    private enum State { UNREGISTERED, FREE, ALLOCATED }

    private final Config config;
    private final boolean broken;
    /** Unsigned address -> the state of [address, next boundary). Always holds 0. */
    private final TreeMap<Long, State> bounds = new TreeMap<>(Long::compareUnsigned);
    private final Map<Long, Byte> bytes = new HashMap<>();

    public RangeMapRam(Config config, boolean broken) {
        this.config = config;
        this.broken = broken;
        bounds.put(0L, State.UNREGISTERED);
    }

    @Override
    public void registerAt(long start, long size, boolean untyped) {
        valid(start, size);
        if (!all(start, start + size - 1, State.UNREGISTERED)) {
            throw new GuestRamException(ErrorCode.OVERLAP, "overlaps registered RAM");
        }
        set(start, start + size - 1, State.FREE);
    }

    @Override
    public long register(long size) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "size 0");
        }
        for (Window w : config.windows()) {
            for (long[] run : runs(State.UNREGISTERED)) {
                long lo = U64.max(run[0], w.first());
                long hi = U64.min(run[1], w.last());
                long aligned = U64.alignDown(lo, config.pageSize());
                long a = aligned == lo ? lo : aligned + config.pageSize();
                boolean wrapped = aligned != lo && a == 0;
                if (!wrapped && U64.atMost(lo, hi) && U64.atMost(a, hi) && U64.atMost(size - 1, hi - a)) {
                    set(a, a + size - 1, State.FREE);
                    return a;
                }
            }
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no aligned place in any window");
    }

    @Override
    public void markAllocated(long start, long size) {
        valid(start, size);
        long last = start + size - 1;
        if (any(start, last, State.UNREGISTERED)) {
            throw new GuestRamException(ErrorCode.NOT_RAM, "not all registered");
        }
        if (any(start, last, State.ALLOCATED)) {
            throw new GuestRamException(ErrorCode.ALREADY_ALLOCATED, "partly allocated");
        }
        set(start, last, State.ALLOCATED);
    }

    @Override
    public long allocate(long size) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "size 0");
        }
        for (long[] run : runs(State.FREE)) {
            if (U64.atMost(size - 1, run[1] - run[0])) {
                set(run[0], run[0] + size - 1, State.ALLOCATED);
                return run[0];
            }
        }
        throw new GuestRamException(ErrorCode.NO_SPACE, "no free run that long");
    }

    @Override
    public void free(long start, long size) {
        valid(start, size);
        if (!all(start, start + size - 1, State.ALLOCATED)) {
            throw new GuestRamException(ErrorCode.NOT_ALLOCATED, "not all allocated");
        }
        if (!broken) {
            set(start, start + size - 1, State.FREE);
        }
    }

    @Override
    public Region findLargestFreeRegion() {
        long[] best = runs(State.FREE).stream()
                .reduce((a, b) -> U64.lessThan(a[1] - a[0], b[1] - b[0]) ? b : a) // ties keep the lower
                .orElseThrow(() -> new GuestRamException(ErrorCode.NO_FREE_REGION, "nothing free"));
        boolean everything = best[0] == 0 && best[1] == U64.MAX; // 2^64 bytes have no 64-bit size
        return everything ? new Region(0, U64.MAX) : Region.span(best[0], best[1]);
    }

    @Override
    public int touch(long address, long size, TouchCallback callback) {
        valid(address, size);
        long last = address + size - 1;
        if (any(address, last, State.UNREGISTERED)) {
            throw new GuestRamException(ErrorCode.NOT_RAM, "not all registered");
        }
        long at = address;
        int stop = 0;
        while (stop == 0) {
            long pageEnd = U64.alignDown(at, config.pageSize()) + config.pageSize() - 1;
            long end = U64.lessThan(pageEnd, last) ? pageEnd : last;
            Chunk chunk = new Chunk(at, end - at + 1, at - address);
            stop = callback.onChunk(chunk, memory(chunk));
            if (end == last) {
                break;
            }
            at = end + 1;
        }
        return stop;
    }

    @Override
    public byte[] read(long address, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative read size " + size);
        }
        byte[] out = new byte[size];
        touch(address, size, (chunk, memory) -> {
            memory.copyTo(out, (int) chunk.offset());
            return 0;
        });
        return out;
    }

    @Override
    public void write(long address, byte[] data) {
        touch(address, data.length, (chunk, memory) -> {
            memory.copyFrom(data, (int) chunk.offset());
            return 0;
        });
    }

    @Override
    public List<Piece> memoryMap() {
        List<Piece> pieces = new ArrayList<>();
        for (long[] run : runs(null)) {
            State s = bounds.floorEntry(run[0]).getValue();
            if (s != State.UNREGISTERED) {
                pieces.add(new Piece(run[0], run[1], s == State.ALLOCATED));
            }
        }
        return pieces;
    }

    @Override
    public Config config() {
        return config;
    }

    private ChunkMemory memory(Chunk chunk) {
        return new ChunkMemory() {
            @Override
            public void copyTo(byte[] destination, int offset) {
                for (int i = 0; i < chunk.size(); i++) {
                    destination[offset + i] = bytes.getOrDefault(chunk.guestAddress() + i, (byte) 0);
                }
            }

            @Override
            public void copyFrom(byte[] source, int offset) {
                for (int i = 0; i < chunk.size(); i++) {
                    bytes.put(chunk.guestAddress() + i, source[offset + i]);
                }
            }
        };
    }

    private void valid(long start, long size) {
        if (!config.isValid(start, size)) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, U64.hex(start) + "+" + U64.hex(size));
        }
    }

    /** Gives [first, last] the state {@code s}. */
    private void set(long first, long last, State s) {
        split(first);
        if (last != U64.MAX) {
            split(last + 1);
        }
        bounds.subMap(first, true, last, true).clear();
        bounds.put(first, s);
    }

    private void split(long at) {
        bounds.putIfAbsent(at, bounds.floorEntry(at).getValue());
    }

    private boolean all(long first, long last, State s) {
        return !any(first, last, null, s);
    }

    private boolean any(long first, long last, State s) {
        return any(first, last, s, null);
    }

    /** Whether some byte of [first, last] is in state {@code is} (or, with {@code is} null, in a state other than {@code not}). */
    private boolean any(long first, long last, State is, State not) {
        for (Map.Entry<Long, State> e : bounds.tailMap(bounds.floorKey(first), true).entrySet()) {
            if (U64.lessThan(last, e.getKey())) {
                return false;
            }
            if (is != null ? e.getValue() == is : e.getValue() != not) {
                return true;
            }
        }
        return false;
    }

    /** The maximal runs {first, last} of bytes in state {@code s}, in address order; with s null, of any one state. */
    private List<long[]> runs(State s) {
        List<long[]> runs = new ArrayList<>();
        State previous = null;
        for (Map.Entry<Long, State> e : bounds.entrySet()) {
            Long next = bounds.higherKey(e.getKey());
            long last = next == null ? U64.MAX : next - 1;
            boolean wanted = s == null || e.getValue() == s;
            if (wanted && !runs.isEmpty() && previous == e.getValue() && runs.get(runs.size() - 1)[1] + 1 == e.getKey()) {
                runs.get(runs.size() - 1)[1] = last;
            } else if (wanted) {
                runs.add(new long[] {e.getKey(), last});
            }
            previous = e.getValue();
        }
        return runs;
    }
}
