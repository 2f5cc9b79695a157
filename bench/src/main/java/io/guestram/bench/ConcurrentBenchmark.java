package io.guestram.bench;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.impl.ConcurrentGuestRam;
import io.guestram.impl.OptimizedGuestRam;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Throughput of the thread-safe facade {@code ConcurrentGuestRam} with one thread
 * ({@link OneThread}) and two ({@link TwoThreads}), under each of its locks ({@code lock}:
 * {@code exclusive}, one {@code ReentrantLock}; {@code shared}, a {@code ReentrantReadWriteLock}
 * with the queries on the read side) and, for the cost of the lock itself, without one
 * ({@code none}, one thread only, not run by default: the bare {@code OptimizedGuestRam} is
 * not thread-safe).
 *
 * <p>The state has {@value #PIECES} pieces: allocated and free 64-byte blocks alternating at
 * the start of one 2^40-byte registration. Workloads, each thread calling on its own:
 * <ul>
 *   <li>{@code allocateFree}: {@code allocate(64)} then {@code free} of it (write side);
 *   <li>{@code largest}: {@code findLargestFreeRegion} (read side, O(log n));
 *   <li>{@code read64}: a 64-byte read (read side, one chunk);
 *   <li>{@code read64k}: a 64 KiB read (read side, 16 chunks), long enough for readers to gain
 *       from sharing the lock;
 *   <li>{@code markFree}: {@code markAllocated} of a free block between two allocated ones, then
 *       {@code free} of it, each thread in its own range of blocks (write side).
 * </ul>
 * Throughput is in calls per microsecond summed over the threads (JMH adds the threads' scores).
 * Run it with
 * <pre>
 * java -cp cli/target/guestram.jar org.openjdk.jmh.Main 'ConcurrentBenchmark.TwoThreads'
 * java -cp cli/target/guestram.jar org.openjdk.jmh.Main 'ConcurrentBenchmark.OneThread' -p lock=none,exclusive,shared
 * </pre>
 */
public abstract class ConcurrentBenchmark {

    static final int PIECES = 10_000;
    static final long BLOCK = 64;
    private static final int READ64K = 1 << 16;

    /** The guest RAM all threads share. */
    @State(Scope.Benchmark)
    public static class Shared {

        @Param({"exclusive", "shared"})
        public String lock;

        GuestRam ram;

        @Setup(Level.Trial)
        public void build(BenchmarkParams params) {
            if (lock.equals("none") && params.getThreads() > 1) {
                throw new IllegalArgumentException("lock=none is for one thread: OptimizedGuestRam is not thread-safe");
            }
            OptimizedGuestRam bare = new OptimizedGuestRam(Config.defaults(Profile.SPEC));
            bare.registerAt(0, 1L << 40, false);
            for (long i = 0; i < PIECES / 2; i++) {
                bare.markAllocated(2 * i * BLOCK, BLOCK);
            }
            switch (lock) {
                case "none":
                    ram = bare;
                    break;
                case "exclusive":
                    ram = ConcurrentGuestRam.exclusive(bare);
                    break;
                case "shared":
                    ram = ConcurrentGuestRam.shared(bare);
                    break;
                default:
                    throw new IllegalArgumentException("unknown lock " + lock);
            }
        }
    }

    /** Each thread's own cursor, and its own range of free blocks for {@code markFree}. */
    @State(Scope.Thread)
    public static class Cursor {
        long next;
        long firstBlock;

        @Setup(Level.Trial)
        public void place(ThreadParams threads) {
            firstBlock = threads.getThreadIndex() * 2000L;
        }

        long nextBlock() {
            return (2 * (firstBlock + (next++ % 1000)) + 1) * BLOCK;
        }

        long nextRead(int size) {
            return ((next++ & 1023) * size) & -BLOCK;
        }
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public long allocateFree(Shared s) {
        long at = s.ram.allocate(BLOCK);
        s.ram.free(at, BLOCK);
        return at;
    }

    @Benchmark
    public long largest(Shared s) {
        return s.ram.findLargestFreeRegion().start();
    }

    @Benchmark
    public byte[] read64(Shared s, Cursor c) {
        return s.ram.read(c.nextRead((int) BLOCK), (int) BLOCK);
    }

    @Benchmark
    public byte[] read64k(Shared s, Cursor c) {
        return s.ram.read(c.nextRead(READ64K), READ64K);
    }

    @Benchmark
    @OperationsPerInvocation(2)
    public void markFree(Shared s, Cursor c) {
        long block = c.nextBlock();
        s.ram.markAllocated(block, BLOCK);
        s.ram.free(block, BLOCK);
    }

    /** One thread; {@code -p lock=none,exclusive,shared} adds the bare implementation as the baseline. */
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    @Threads(1)
    public static class OneThread extends ConcurrentBenchmark {
    }

    /** Two threads on the same guest RAM. */
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
    @Threads(2)
    public static class TwoThreads extends ConcurrentBenchmark {
    }
}
