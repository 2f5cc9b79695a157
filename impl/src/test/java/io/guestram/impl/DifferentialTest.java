package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.model.ReferenceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random calls on {@link OptimizedGuestRam} and {@link ReferenceModel} side by side: after
 * every call the outcomes and memory maps must be equal, the tree's invariants must hold and its
 * searches must agree with their linear-scan oracles ({@link PieceScans}). Each run is episodes of fresh instances,
 * so that the model's linear scans stay cheap. A failure names the seed and prints the episode
 * as Java that replays it.
 */
class DifferentialTest {

    private static final int EPISODES = 20;
    private static final int STEPS = 250;
    private static final long[] SEEDS = {1, 0x5eed, 20240611};

    static Stream<Arguments> runs() {
        List<Config> configs = List.of(
                Config.bounded(Profile.SPEC, 64, 4, List.of(new Window(0, 63))),
                Config.bounded(Profile.SPEC, 64, 8, List.of(new Window(3, 20), new Window(30, 61))),
                Config.bounded(Profile.SPEC, 256, 16,
                        List.of(new Window(17, 100), new Window(101, 200), new Window(230, 255))),
                Config.bounded(Profile.SPEC, 48, 1, List.of()),
                Config.bounded(Profile.SPEC, 1, 1, List.of(new Window(0, 0))),
                Config.defaults(Profile.SPEC),
                new Config(Profile.SPEC, U64.MAX, 4096,
                        List.of(new Window(0, 0xffff), new Window(U64.MAX - (1 << 20) + 3, U64.MAX))),
                new Config(Profile.SPEC, U64.MAX - 5, 1L << 30, List.of(new Window(7, U64.MAX - 5))));
        return configs.stream().flatMap(c -> Arrays.stream(SEEDS).mapToObj(s -> Arguments.of(c, s)));
    }

    @ParameterizedTest(name = "seed {1}, {0}")
    @MethodSource("runs")
    void agreesWithTheModel(Config config, long seed) {
        RandomCalls calls = new RandomCalls(config, seed);
        for (int episode = 0; episode < EPISODES; episode++) {
            runEpisode(config, seed, episode, calls);
        }
    }

    private static void runEpisode(Config config, long seed, int episode, RandomCalls calls) {
        ReferenceModel model = new ReferenceModel(config);
        // Odd episodes use nodes of 4 pieces and 4 children, so that even these small address
        // spaces split, borrow, merge and grow and shrink the tree by levels.
        OptimizedGuestRam ram = episode % 2 == 0 ? new OptimizedGuestRam(config) : new OptimizedGuestRam(config, 2, 2);
        List<Call> done = new ArrayList<>();
        List<Piece> map = model.memoryMap();
        for (int step = 0; step < STEPS; step++) {
            Call call = calls.next(map);
            done.add(call);
            Outcome expected = call.apply(model);
            try {
                Outcome actual = call.apply(ram);
                assertEquals(expected, actual, "impl != model");
                map = model.memoryMap();
                assertEquals(map, ram.memoryMap(), "memory maps differ");
                ram.checkInvariants();
                checkSearches(config, ram.pieces(), calls, map);
            } catch (RuntimeException | AssertionError e) {
                String where = "seed " + seed + ", episode " + episode + ", config " + config;
                throw new AssertionError(replay(where, done, e.getMessage()), e);
            }
        }
        compareContents(model, ram, map);
    }

    /** The augmented searches against their oracles, as vmalloc's LOWEST_MATCH_CHECK. */
    private static void checkSearches(Config config, PieceTree tree, RandomCalls calls, List<Piece> map) {
        long length = calls.searchSize(map);
        if (length == 0) {
            return;
        }
        assertEquals(PieceScans.lowestFreeRun(tree, length), PieceScans.searched(tree, length), "lowest free run of " + length);
        for (Window w : config.windows()) {
            OptionalLong scan = PieceScans.lowestAlignedFit(tree, config.pageSize(), w.first(), w.last(), length);
            assertEquals(scan, tree.lowestAlignedFit(w.first(), w.last(), length), "aligned fit of " + length + " in " + w);
        }
    }

    /** Every registered byte reads the same, when there are few enough to read. */
    private static void compareContents(ReferenceModel model, OptimizedGuestRam ram, List<Piece> map) {
        for (Piece p : map) {
            if (U64.lessThan(p.size() - 1, 1 << 12)) {
                int n = (int) p.size();
                assertTrue(Arrays.equals(model.read(p.first(), n), ram.read(p.first(), n)), "contents of " + p);
            }
        }
    }

    private static String replay(String where, List<Call> done, String why) {
        StringBuilder s = new StringBuilder(where).append(": ").append(why).append('\n');
        for (int i = 0; i < done.size(); i++) {
            s.append(done.get(i).java()).append(i == done.size() - 1 ? " // " + why : "").append('\n');
        }
        return s.toString();
    }
}
