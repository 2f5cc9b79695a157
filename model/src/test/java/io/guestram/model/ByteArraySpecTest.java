package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guestram.Chunk;
import io.guestram.ChunkMemory;
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
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference model against a second statement of profile spec, as plain as it gets: one
 * boolean per address for R, one for A and one byte of memory per address, each call the
 * README's table read literally (the lowest aligned fit found by trying every aligned start,
 * the lowest free run by trying every start). Only small address spaces fit in arrays; the model's
 * behaviour at 2^64 is ReferenceModelTest's. Seeded random calls, outcomes and memory maps
 * compared after each; a failure prints the calls as Java.
 */
class ByteArraySpecTest {

    static Stream<Arguments> runs() {
        List<Config> configs = List.of(
                Config.bounded(Profile.SPEC, 64, 4, List.of(new Window(0, 63))),
                Config.bounded(Profile.SPEC, 64, 8, List.of(new Window(3, 20), new Window(30, 61))),
                Config.bounded(Profile.SPEC, 96, 16, List.of(new Window(17, 40), new Window(41, 90))),
                Config.bounded(Profile.SPEC, 48, 1, List.of()),
                Config.bounded(Profile.SPEC, 1, 1, List.of(new Window(0, 0))),
                Config.bounded(Profile.SPEC, 32, 32, List.of(new Window(0, 31))));
        return configs.stream().flatMap(c -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(c, seed)));
    }

    @ParameterizedTest(name = "seed {1}, {0}")
    @MethodSource("runs")
    void theModelIsTheTableReadLiterally(Config config, long seed) {
        Random random = new Random(seed);
        for (int episode = 0; episode < 30; episode++) {
            ReferenceModel model = new ReferenceModel(config);
            ByteArraySpec spec = new ByteArraySpec(config);
            List<Call> done = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                Call call = randomCall(random, config, spec);
                done.add(call);
                Outcome expected = call.apply(spec);
                Outcome actual = call.apply(model);
                String replay = "seed " + seed + ", episode " + episode + ", " + config + "\n"
                        + String.join("\n", done.stream().map(Call::java).toList());
                assertEquals(expected, actual, replay);
                assertEquals(spec.memoryMap(), model.memoryMap(), replay);
            }
        }
    }

    /** Calls aimed at a small space: addresses a little past the limit, sizes up to 24, some that overflow. */
    private static Call randomCall(Random random, Config config, ByteArraySpec spec) {
        long limit = config.lastAddress() + 1;
        long address = random.nextInt((int) limit + 3);
        int roll = random.nextInt(100);
        if (roll < 15) {
            // A range that starts at a piece boundary now and then, so merges happen.
            long start = random.nextBoolean() ? spec.someBoundary(random) : address;
            return new Call.RegisterAt(start, size(random), random.nextBoolean());
        } else if (roll < 25) {
            return new Call.Register(size(random));
        } else if (roll < 38) {
            return new Call.MarkAllocated(address, size(random));
        } else if (roll < 52) {
            return new Call.Allocate(size(random));
        } else if (roll < 66) {
            return new Call.Free(random.nextBoolean() ? spec.someBoundary(random) : address, size(random));
        } else if (roll < 72) {
            return new Call.Largest();
        } else if (roll < 80) {
            int stopAt = random.nextInt(3);
            return new Call.Touch(address, size(random), stopAt, stopAt == 0 ? 0 : stopAt + 10);
        } else if (roll < 90) {
            return new Call.Read(address, random.nextInt(20));
        } else {
            byte[] data = new byte[random.nextInt(20)];
            if (random.nextInt(3) > 0) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (byte) random.nextInt(3);
                }
            }
            return new Call.Write(address, data);
        }
    }

    private static long size(Random random) {
        switch (random.nextInt(12)) {
            case 0:
                return 0;
            case 1:
                return U64.MAX - random.nextInt(3);
            case 2:
                return Long.MIN_VALUE;
            default:
                return 1 + random.nextInt(24);
        }
    }

    /** Profile spec over arrays, for limits below 2^31. */
    static final class ByteArraySpec implements GuestRam {
        private final Config config;
        private final int limit;
        private final boolean[] registered;
        private final boolean[] allocated;
        private final byte[] memory;

        ByteArraySpec(Config config) {
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
}
