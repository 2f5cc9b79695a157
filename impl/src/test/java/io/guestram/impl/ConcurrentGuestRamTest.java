package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.model.ReferenceModel;
import io.guestram.model.Sel4Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The facade on its own: delegation, locking discipline, callbacks, and a small real-thread stress run. */
class ConcurrentGuestRamTest {

    private static final Config SMALL = Config.bounded(Profile.SPEC, 256, 16, List.of(new Window(128, 255)));
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    static Stream<Function<Config, ConcurrentGuestRam>> facades() {
        return Stream.of(ConcurrentGuestRam::optimized, c -> ConcurrentGuestRam.exclusive(new OptimizedGuestRam(c)));
    }

    @ParameterizedTest
    @MethodSource("facades")
    void agreesWithTheModelCallByCall(Function<Config, ConcurrentGuestRam> facade) {
        ConcurrentGuestRam ram = facade.apply(SMALL);
        ReferenceModel model = new ReferenceModel(SMALL);
        RandomCalls calls = new RandomCalls(SMALL, 7);
        for (int i = 0; i < 2_000; i++) {
            Call call = calls.next(model.memoryMap());
            assertEquals(call.apply(model), call.apply(ram), call.toString());
            assertEquals(model.memoryMap(), ram.memoryMap(), call.toString());
        }
        ram.checkInvariants();
        assertSame(SMALL, ram.config());
    }

    @Test
    void sharedAndExclusiveSayWhichTheyAre() {
        assertTrue(ConcurrentGuestRam.optimized(SMALL).sharesReads());
        ConcurrentGuestRam exclusive = ConcurrentGuestRam.exclusive(new ReferenceModel(SMALL));
        assertFalse(exclusive.sharesReads());
        assertTrue(exclusive.toString().startsWith("exclusive("), exclusive.toString());
        assertTrue(ConcurrentGuestRam.optimized(SMALL).toString().startsWith("shared("));
    }

    @Test
    void wrapsAnyGuestRamButNotItself() {
        Config sel4 = SMALL.withProfile(Profile.SEL4);
        ConcurrentGuestRam ram = ConcurrentGuestRam.exclusive(new Sel4Model(sel4));
        assertEquals(128, ram.register(16));
        ram.checkInvariants(); // nothing to check: not SelfChecking
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConcurrentGuestRam.exclusive(ram));
        assertTrue(e.getMessage().contains("already thread-safe"), e.getMessage());
    }

    @Test
    void aCallbackMayCallBackInFromItsOwnThread() {
        ConcurrentGuestRam ram = ConcurrentGuestRam.optimized(SMALL);
        ram.registerAt(0, 64, false);
        assertTimeoutPreemptively(PATIENCE, () -> {
            int result = ram.touch(0, 32, (chunk, memory) -> {
                memory.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 0);
                byte[] seen = ram.read(chunk.guestAddress(), 1); // read lock while holding the write lock
                long at = ram.allocate(1); // the write lock again
                ram.free(at, 1);
                return seen[0] == 1 ? 0 : 99;
            });
            assertEquals(0, result);
        });
        assertArrayEquals(new byte[] {16, 1}, ram.read(15, 2), "each chunk got 1..16");
    }

    @ParameterizedTest
    @MethodSource("facades")
    void aThrowingCallbackReleasesTheLock(Function<Config, ConcurrentGuestRam> facade) throws Exception {
        ConcurrentGuestRam ram = facade.apply(SMALL);
        ram.registerAt(0, 64, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ram.touch(0, 8, (chunk, memory) -> {
            throw new IllegalStateException("callback failed");
        }));
        assertEquals("callback failed", e.getMessage());
        CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> ram.allocate(8));
        assertEquals(0L, other.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    /** A touch may write through its callback, so it holds off readers: they see all of it or none. */
    @ParameterizedTest
    @MethodSource("facades")
    void aTouchHoldsOffReadersUntilItReturns(Function<Config, ConcurrentGuestRam> facade) throws Exception {
        ConcurrentGuestRam ram = facade.apply(SMALL);
        ram.registerAt(0, 64, false);
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> touch = CompletableFuture.supplyAsync(() -> ram.touch(0, 32, (chunk, memory) -> {
            memory.copyFrom(filled(16, 7), 0);
            inCallback.countDown();
            await(release);
            return 0;
        }));
        assertTrue(inCallback.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> ram.read(0, 32));
        CompletableFuture<Region> largest = CompletableFuture.supplyAsync(ram::findLargestFreeRegion);
        assertThrows(TimeoutException.class, () -> read.get(200, TimeUnit.MILLISECONDS));
        assertFalse(largest.isDone());
        release.countDown();
        assertEquals(0, touch.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertArrayEquals(filled(32, 7), read.get(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the whole touch, both chunks");
        assertEquals(new Region(0, 64), largest.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    /**
     * After every call, accepted or rejected, another thread can take the write lock: no call
     * leaves its lock held (a reentrant lock not released would only show from another thread).
     */
    @ParameterizedTest
    @MethodSource("facades")
    void everyCallReleasesItsLock(Function<Config, ConcurrentGuestRam> facade) throws Exception {
        ConcurrentGuestRam ram = facade.apply(SMALL);
        List<Runnable> calls = List.of(
                () -> ram.registerAt(0, 64, false),
                () -> ram.registerAt(0, 64, false), // OVERLAP
                () -> ram.register(16),
                () -> ram.register(1 << 20), // NO_SPACE
                () -> ram.markAllocated(0, 8),
                () -> ram.markAllocated(0, 8), // ALREADY_ALLOCATED
                () -> ram.allocate(8),
                () -> ram.allocate(1 << 20), // NO_SPACE
                () -> ram.free(0, 8),
                () -> ram.free(0, 8), // NOT_ALLOCATED
                ram::findLargestFreeRegion,
                () -> ram.touch(0, 8, (chunk, memory) -> 0),
                () -> ram.touch(64, 8, (chunk, memory) -> 0), // NOT_RAM
                ram::memoryMap,
                () -> ram.read(0, 8),
                () -> ram.read(64, 8), // NOT_RAM
                () -> ram.write(0, new byte[] {1}),
                () -> ram.write(64, new byte[] {1}), // NOT_RAM
                ram::checkInvariants,
                () -> ram.atomically(r -> r.allocate(1)));
        for (int i = 0; i < calls.size(); i++) {
            try {
                calls.get(i).run();
            } catch (io.guestram.GuestRamException expected) {
                // a rejection must release the lock as well
            }
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> ram.atomically(r -> 1));
            assertEquals(1, other.get(5, TimeUnit.SECONDS), "call #" + i + " kept its lock");
        }
    }

    @Test
    void atomicallyRunsSeveralCallsAsOne() {
        ConcurrentGuestRam ram = ConcurrentGuestRam.optimized(SMALL);
        ram.registerAt(0, 64, false);
        long at = ram.atomically(r -> {
            long a = r.allocate(4);
            r.write(a, filled(4, 3));
            return a;
        });
        assertEquals(0, at);
        assertArrayEquals(filled(4, 3), ram.read(0, 4));
    }

    /**
     * Two real threads allocate, write their name into, check and free blocks of random sizes:
     * no block is handed out twice, no thread sees another's bytes in its block, and the tree is
     * intact afterwards. Lincheck checks more interleavings; this checks more calls.
     */
    @Test
    void twoThreadsNeverShareABlock() throws Exception {
        ConcurrentGuestRam ram = ConcurrentGuestRam.optimized(Config.defaults(Profile.SPEC));
        ram.registerAt(0, 1 << 16, false);
        ConcurrentHashMap<Long, Integer> live = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 1; t <= 2; t++) {
            int thread = t;
            workers.add(CompletableFuture.runAsync(() -> churn(ram, live, thread)));
        }
        for (CompletableFuture<Void> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        ram.checkInvariants();
        assertEquals(List.of(new io.guestram.Piece(0, 0xffff, false)), ram.memoryMap(), "all freed");
    }

    private static void churn(GuestRam ram, ConcurrentHashMap<Long, Integer> live, int thread) {
        Random random = new Random(thread);
        TreeMap<Long, Long> mine = new TreeMap<>();
        for (int i = 0; i < 5_000; i++) {
            if (mine.size() < 20 && (mine.isEmpty() || random.nextBoolean())) {
                long size = 1 + random.nextInt(64);
                long at = ram.allocate(size);
                if (live.putIfAbsent(at, thread) != null) {
                    throw new AssertionError("block " + U64.hex(at) + " handed out twice");
                }
                ram.write(at, filled((int) size, thread));
                mine.put(at, size);
            } else {
                long at = random.nextBoolean() ? mine.firstKey() : mine.lastKey();
                long size = mine.remove(at);
                assertArrayEquals(filled((int) size, thread), ram.read(at, (int) size), "another thread wrote here");
                live.remove(at);
                ram.free(at, size);
            }
        }
        mine.forEach((at, size) -> {
            live.remove(at);
            ram.free(at, size);
        });
    }

    private static byte[] filled(int size, int value) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) value);
        return data;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
