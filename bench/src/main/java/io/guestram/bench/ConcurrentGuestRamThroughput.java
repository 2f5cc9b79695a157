package io.guestram.bench;

import io.guestram.GuestRam;
import io.guestram.impl.ConcurrentGuestRam;
import io.guestram.impl.OptimizedGuestRam;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A small harness (not JMH, not a test) for the throughput of {@link ConcurrentGuestRam} with 1
 * and 2 threads, the figures behind its choice of lock. Run it with
 *
 * <pre>
 * ./mvnw -q -pl bench -am compile &amp;&amp; java -Xms1g -Xmx1g \
 *   -cp model/target/classes:impl/target/classes:bench/target/classes \
 *   io.guestram.bench.ConcurrentGuestRamThroughput [seconds per round] [subject ...]
 * </pre>
 *
 * <p>Run one subject per JVM ({@code bare}, {@code exclusive} or {@code shared}) for fair
 * figures: in one JVM the call sites the first subject made monomorphic become megamorphic for
 * the next, which penalizes whichever runs later.
 *
 * <p>The state is {@link AllocateFreeBench#alternating} with 10^4 pieces: allocated and free
 * 64-byte blocks alternating over a 2^40-byte registration. Three workloads, each thread
 * looping over its own calls:
 * <ul>
 *   <li>{@code writes}: {@code allocate(64)} then {@code free} of what it returned (two calls
 *       on the write side; with two threads each may get the other's hole back, which is fine);
 *   <li>{@code reads}: {@code findLargestFreeRegion} and {@code read} of 64 bytes (read side);
 *   <li>{@code mixed}: nine read-side calls to one write-side call (mark_allocated and free
 *       alternating by turns), a read-mostly workload;
 *   <li>{@code bigreads}: {@code read} of 64 KiB (16 frames copied, microseconds rather than
 *       the other calls' tenths of one), where sharing the lock has the most to gain.
 * </ul>
 * Subjects: the bare {@link OptimizedGuestRam} (one thread only: the baseline cost of a lock),
 * {@link ConcurrentGuestRam#exclusive} (one {@code ReentrantLock}) and
 * {@link ConcurrentGuestRam#shared} (a {@code ReentrantReadWriteLock}). Each figure is the
 * median over {@code ROUNDS} timed rounds after {@code WARMUP} warm-up rounds, in million calls
 * per second summed over the threads. On a machine whose cores are busy with other work, two
 * threads may not run at the same time at all; the figures say so when they barely move.
 */
public final class ConcurrentGuestRamThroughput {

    private static final int PIECES = 10_000;
    private static final int ROUNDS = 5;
    private static final int WARMUP = 2;
    private static final long BLOCK = 64;

    private static volatile long sink;

    private ConcurrentGuestRamThroughput() {}

    /** One thread's loop body: performs some calls and returns how many. */
    private interface Work {
        int run(GuestRam ram, int thread, long iteration);
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        System.out.printf(Locale.ROOT, "%d cores, %.1f s rounds, median of %d, state %,d pieces%n",
                Runtime.getRuntime().availableProcessors(), seconds, ROUNDS, PIECES);
        List<String> subjects = args.length > 1
                ? Arrays.asList(args).subList(1, args.length) : List.of("bare", "exclusive", "shared");
        System.out.printf(Locale.ROOT, "%-8s %-10s %8s %8s%n", "workload", "subject", "1 thread", "2 threads");
        for (String subject : subjects) {
            for (String workload : new String[] {"writes", "reads", "mixed", "bigreads"}) {
                Work work = work(workload);
                switch (subject) {
                    case "bare":
                        row(workload, subject, () -> AllocateFreeBench.alternating(PIECES), work, seconds, false);
                        break;
                    case "exclusive":
                        row(workload, subject, () -> ConcurrentGuestRam.exclusive(
                                AllocateFreeBench.alternating(PIECES)), work, seconds, true);
                        break;
                    case "shared":
                        row(workload, subject, () -> ConcurrentGuestRam.shared(
                                AllocateFreeBench.alternating(PIECES)), work, seconds, true);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown subject " + subject);
                }
            }
        }
        System.out.println("(Mcalls/s summed over threads; sink " + sink + ")");
    }

    private static Work work(String workload) {
        switch (workload) {
            case "writes":
                return (ram, thread, i) -> {
                    long at = ram.allocate(BLOCK);
                    ram.free(at, BLOCK);
                    sink += at;
                    return 2;
                };
            case "bigreads":
                return (ram, thread, i) -> {
                    sink += ram.read((i & 15) << 16, 1 << 16)[(int) (i & 1023)];
                    return 1;
                };
            case "reads":
                return (ram, thread, i) -> {
                    sink += ram.findLargestFreeRegion().start();
                    sink += ram.read((i & 1023) * 2 * BLOCK, (int) BLOCK)[0];
                    return 2;
                };
            default:
                return (ram, thread, i) -> {
                    for (int k = 0; k < 9; k++) {
                        if ((k & 1) == 0) {
                            sink += ram.findLargestFreeRegion().size();
                        } else {
                            sink += ram.read(((i + k) & 1023) * 2 * BLOCK, (int) BLOCK)[0];
                        }
                    }
                    // A free block between two allocated ones, from each thread's own range of
                    // 1000: marked allocated (three pieces merge), then freed again (they split).
                    long block = (2 * (thread * 2000 + i / 2 % 1000) + 1) * BLOCK;
                    if ((i & 1) == 0) {
                        ram.markAllocated(block, BLOCK);
                    } else {
                        ram.free(block, BLOCK);
                    }
                    return 10;
                };
        }
    }

    private static void row(String workload, String subject, Supplier<GuestRam> fresh, Work work,
            double seconds, boolean twoThreads) throws Exception {
        double one = median(fresh, work, 1, seconds);
        String two = twoThreads ? String.format(Locale.ROOT, "%8.2f", median(fresh, work, 2, seconds)) : "       -";
        System.out.printf(Locale.ROOT, "%-8s %-10s %8.2f %s%n", workload, subject, one, two);
    }

    private static double median(Supplier<GuestRam> fresh, Work work, int threads, double seconds)
            throws Exception {
        double[] rates = new double[ROUNDS];
        for (int r = -WARMUP; r < ROUNDS; r++) {
            double rate = round(fresh.get(), work, threads, seconds);
            if (r >= 0) {
                rates[r] = rate;
            }
        }
        Arrays.sort(rates);
        return rates[ROUNDS / 2];
    }

    /** Million calls per second of {@code threads} threads running {@code work} for the duration. */
    private static double round(GuestRam ram, Work work, int threads, double seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[] calls = new long[threads];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                long n = 0;
                for (long i = 0; !stop.get(); i++) {
                    n += work.run(ram, thread, i);
                }
                calls[thread] = n;
            });
            worker.start();
            workers.add(worker);
        }
        start.await();
        long began = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        return Arrays.stream(calls).sum() / elapsed / 1e6;
    }
}
