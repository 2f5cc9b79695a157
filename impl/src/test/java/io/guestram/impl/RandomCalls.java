package io.guestram.impl;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random calls aimed at the edges where an allocator goes wrong: piece boundaries and the bytes
 * either side of them, window edges, page boundaries, the address limit and 2^64, sizes that end
 * exactly at a boundary or one byte past it, sizes that overflow. Sub-ranges of existing free
 * and allocated pieces make successful mark_allocated and free calls common.
 */
final class RandomCalls {

    /** A touch over more pages than this stops early, so that calls stay cheap. */
    private static final long MAX_CHUNKS = 64;

    private final Config config;
    private final Random random;

    RandomCalls(Config config, long seed) {
        this.config = config;
        this.random = new Random(seed);
    }

    /** The next call, given the current memory map of the model. */
    Call next(List<Piece> map) {
        int roll = random.nextInt(100);
        if (roll < 4) {
            return fillGap(map);
        } else if (roll < 14) {
            long start = address(map);
            return new Call.RegisterAt(start, size(map, start), random.nextBoolean());
        } else if (roll < 24) {
            return new Call.Register(random.nextInt(4) == 0 ? size(map, 0) : small());
        } else if (roll < 34) {
            return markAllocated(map);
        } else if (roll < 48) {
            return new Call.Allocate(random.nextBoolean() ? small() : pieceLengthOr(map));
        } else if (roll < 62) {
            return free(map);
        } else if (roll < 67) {
            return new Call.Largest();
        } else if (roll < 78) {
            return touch(map);
        } else if (roll < 89) {
            int size = random.nextBoolean() ? random.nextInt(65) : 1 + random.nextInt(8);
            return new Call.Read(address(map), size);
        } else {
            return new Call.Write(address(map), data());
        }
    }

    /** A value in {@code lo..hi} inclusive, uniform, unsigned. */
    long between(long lo, long hi) {
        long span = hi - lo;
        if (span >= 0 && span < Long.MAX_VALUE) {
            return lo + random.nextLong(span + 1);
        }
        while (true) {
            long r = random.nextLong();
            if (U64.atMost(r, span)) {
                return lo + r;
            }
        }
    }

    /** A size for a search: small, page-ish, or exactly some piece's length. */
    long searchSize(List<Piece> map) {
        return random.nextBoolean() ? small() : pieceLengthOr(map);
    }

    private Call markAllocated(List<Piece> map) {
        Piece p = randomPiece(map, false);
        if (p != null && random.nextInt(3) > 0) {
            long start = between(p.first(), p.last());
            return new Call.MarkAllocated(start, sizeWithin(start, p.last()));
        }
        long start = address(map);
        return new Call.MarkAllocated(start, size(map, start));
    }

    private Call free(List<Piece> map) {
        Piece p = randomPiece(map, true);
        if (p != null && random.nextInt(3) > 0) {
            long start = random.nextBoolean() ? p.first() : between(p.first(), p.last());
            return new Call.Free(start, sizeWithin(start, p.last()));
        }
        long start = address(map);
        return new Call.Free(start, size(map, start));
    }

    private Call touch(List<Piece> map) {
        long address = address(map);
        long size = size(map, address);
        boolean manyPages = U64.lessThan(MAX_CHUNKS, Long.divideUnsigned(size, config.pageSize()));
        int stopAt = manyPages || random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
        int stopValue = stopAt == 0 ? 0 : random.nextBoolean() ? stopAt : -1 - random.nextInt(9);
        return new Call.Touch(address, size, stopAt, stopValue);
    }

    /**
     * Registers one whole gap between registrations (or before the first, or after the last up
     * to the limit), so that the new piece merges with both neighbours or covers everything.
     */
    private Call fillGap(List<Piece> map) {
        List<long[]> gaps = new ArrayList<>();
        long next = 0;
        boolean atTop = false;
        for (Piece p : map) {
            if (U64.lessThan(next, p.first())) {
                gaps.add(new long[] {next, p.first() - 1});
            }
            next = p.last() + 1;
            atTop = p.last() == U64.MAX;
        }
        if (!atTop && U64.atMost(next, config.lastAddress())) {
            gaps.add(new long[] {next, config.lastAddress()});
        }
        if (gaps.isEmpty()) {
            return new Call.RegisterAt(address(map), small(), false);
        }
        long[] gap = gaps.get(random.nextInt(gaps.size()));
        long size = gap[1] - gap[0] + 1;
        return new Call.RegisterAt(gap[0], size == 0 ? U64.MAX : size, random.nextBoolean());
    }

    /** A size ending at {@code last}, or short of it, or one byte past it. */
    private long sizeWithin(long start, long last) {
        long toEnd = last - start + 1;
        switch (random.nextInt(4)) {
            case 0:
                return toEnd;
            case 1:
                return toEnd + 1;
            default:
                return toEnd == 0 ? random.nextLong() : between(1, toEnd);
        }
    }

    private long address(List<Piece> map) {
        long last = config.lastAddress();
        switch (random.nextInt(8)) {
            case 0:
                return pick(0, 1, last, last - 1, last - config.pageSize() + 1, U64.MAX);
            case 1:
            case 2:
            case 3:
                return pieceEdge(map);
            case 4:
                return windowEdge();
            case 5:
                return U64.alignDown(uniform(), config.pageSize());
            default:
                return uniform();
        }
    }

    /** Uniform below the limit, or near 0 or near the limit when the space is vast. */
    private long uniform() {
        long last = config.lastAddress();
        if (U64.lessThan(last, 1L << 20)) {
            return between(0, last);
        }
        switch (random.nextInt(3)) {
            case 0:
                return between(0, 1 << 16);
            case 1:
                return between(last - (1 << 16), last);
            default:
                return between(0, last);
        }
    }

    private long size(List<Piece> map, long start) {
        switch (random.nextInt(10)) {
            case 0:
                return random.nextInt(4) == 0 ? 0 : small();
            case 1:
            case 2:
            case 3:
                return small();
            case 4:
                return pieceEdge(map) - start + random.nextInt(3) - 1;
            case 5:
                return config.lastAddress() - start + random.nextInt(3);
            case 6:
                return pick(U64.MAX, Long.MIN_VALUE, -start, random.nextLong());
            case 7:
                return config.pageSize() * (1 + random.nextInt(4));
            default:
                return pieceLengthOr(map);
        }
    }

    private long small() {
        return 1 + random.nextLong(3 * config.pageSize());
    }

    private long pieceLengthOr(List<Piece> map) {
        if (map.isEmpty()) {
            return small();
        }
        long length = map.get(random.nextInt(map.size())).size();
        return length + random.nextInt(3) - 1;
    }

    private long pieceEdge(List<Piece> map) {
        if (map.isEmpty()) {
            return windowEdge();
        }
        Piece p = map.get(random.nextInt(map.size()));
        return (random.nextBoolean() ? p.first() : p.last()) + random.nextInt(3) - 1;
    }

    private long windowEdge() {
        List<Window> windows = config.windows();
        if (windows.isEmpty()) {
            return uniform();
        }
        Window w = windows.get(random.nextInt(windows.size()));
        return (random.nextBoolean() ? w.first() : w.last()) + random.nextInt(3) - 1;
    }

    private Piece randomPiece(List<Piece> map, boolean allocated) {
        List<Piece> kind = map.stream().filter(p -> p.allocated() == allocated).toList();
        return kind.isEmpty() ? null : kind.get(random.nextInt(kind.size()));
    }

    private byte[] data() {
        byte[] data = new byte[random.nextInt(65)];
        if (random.nextInt(5) > 0) {
            random.nextBytes(data);
        }
        return data;
    }

    private long pick(long... values) {
        return values[random.nextInt(values.length)];
    }
}
