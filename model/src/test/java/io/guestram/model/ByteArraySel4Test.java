package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sel4Model against {@link ByteArraySel4}, a byte-level statement of libsel4vm's behaviour that
 * shares no code and no shape with it: seeded random calls on small spaces, outcomes (results,
 * chunks, bytes read) and entry arrays compared after each; a failure prints the calls as Java.
 * The 2^64 edges stay with Sel4ModelEdgesTest, whose expectations are written out by hand.
 * The byte-level statement has one state per byte, so it cannot hold libsel4vm's overlapping
 * entries: register_at starts here are page aligned (an unaligned start whose last page is
 * already reserved is D3 of docs/libsel4vm.md) and no two windows share a page (the later one is
 * never made). Those cases, and D1-D6 at 2^64, are Sel4ModelUpstreamTest's, with expectations
 * taken from the upstream code, and MC_Sel4UnalignedOverlap's (TLC).
 */
class ByteArraySel4Test {

    static Stream<Arguments> runs() {
        List<Config> configs = List.of(
                Config.bounded(Profile.SEL4, 64, 4, List.of(new Window(0, 15), new Window(32, 47))),
                Config.bounded(Profile.SEL4, 64, 8, List.of(new Window(3, 20), new Window(30, 61))),
                Config.bounded(Profile.SEL4, 96, 16, List.of(new Window(17, 40), new Window(48, 90))),
                Config.bounded(Profile.SEL4, 48, 1, List.of()),
                Config.bounded(Profile.SEL4, 64, 32, List.of(new Window(0, 31))),
                Config.bounded(Profile.SEL4, 4, 2, List.of(Window.of(0, 2), Window.of(2, 4))));
        return configs.stream().flatMap(c -> Stream.of(1L, 2L, 3L, 4L).map(seed -> Arguments.of(c, seed)));
    }

    @ParameterizedTest(name = "seed {1}, {0}")
    @MethodSource("runs")
    void sel4ModelIsLibsel4vmByteByByte(Config config, long seed) {
        Random random = new Random(seed);
        for (int episode = 0; episode < 40; episode++) {
            Sel4Model model = new Sel4Model(config);
            ByteArraySel4 oracle = new ByteArraySel4(config);
            List<Call> done = new ArrayList<>();
            for (int step = 0; step < 60; step++) {
                Call call = randomCall(random, config, oracle.memoryMap());
                done.add(call);
                Outcome expected = call.apply(oracle);
                Outcome actual = call.apply(model);
                String replay = "seed " + seed + ", episode " + episode + ", " + config + "\n"
                        + String.join("\n", done.stream().map(Call::java).toList());
                assertEquals(expected, actual, replay);
                assertEquals(oracle.memoryMap(), model.memoryMap(), replay);
            }
        }
    }

    /** The README's example of the offset bug: each page of a write gets the head of the buffer. */
    @Test
    void aWriteAcrossAPageGivesEveryPageTheHeadOfTheBuffer() {
        Config config = Config.bounded(Profile.SEL4, 64, 8, List.of());
        for (var ram : List.of(new Sel4Model(config), new ByteArraySel4(config))) {
            ram.registerAt(0, 32, false);
            ram.write(4, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            assertArrayEquals(new byte[] {1, 2, 3, 4, 1, 2, 3, 4}, readEach(ram, 4, 8), ram.getClass().getSimpleName());
            // A read of both pages holds the last chunk at offset 0.
            assertArrayEquals(new byte[] {1, 2, 3, 4, 0, 0, 0, 0}, ram.read(4, 8), ram.getClass().getSimpleName());
        }
    }

    /** The bytes one at a time, each read inside one page, where the offset bug cannot show. */
    private static byte[] readEach(io.guestram.GuestRam ram, long address, int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = ram.read(address + i, 1)[0];
        }
        return bytes;
    }

    /** Calls aimed at a small space: addresses a little past the limit, sizes 0 to 24. */
    private static Call randomCall(Random random, Config config, List<Piece> map) {
        long limit = config.lastAddress() + 1;
        long address = random.nextInt(5) == 0 && !map.isEmpty() ? boundary(random, map) : random.nextInt((int) limit + 3);
        long size = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(24);
        int roll = random.nextInt(100);
        if (roll < 16) {
            long aligned = address - address % config.pageSize();
            return new Call.RegisterAt(aligned, size, random.nextBoolean());
        } else if (roll < 26) {
            return new Call.Register(size);
        } else if (roll < 40) {
            return new Call.MarkAllocated(address, size);
        } else if (roll < 54) {
            return new Call.Allocate(size);
        } else if (roll < 58) {
            return new Call.Free(address, size);
        } else if (roll < 64) {
            return new Call.Largest();
        } else if (roll < 76) {
            int stopAt = random.nextInt(3);
            return new Call.Touch(address, size, stopAt, stopAt == 0 ? 0 : stopAt + 10);
        } else if (roll < 88) {
            return new Call.Read(address, random.nextInt(20));
        } else {
            byte[] data = new byte[random.nextInt(20)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (1 + random.nextInt(9));
            }
            return new Call.Write(address, data);
        }
    }

    private static long boundary(Random random, List<Piece> map) {
        Piece p = map.get(random.nextInt(map.size()));
        return switch (random.nextInt(3)) {
            case 0 -> p.first();
            case 1 -> p.last();
            default -> p.last() + 1;
        };
    }
}
