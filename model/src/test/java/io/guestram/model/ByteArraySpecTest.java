package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guestram.Config;
import io.guestram.Profile;
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
}
