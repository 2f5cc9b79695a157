package io.guestram.bench;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.impl.OptimizedGuestRam;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A small harness (not JMH, not a test) for two figures: ns per allocate+free pair at 10^2 and
 * 10^5 pieces, and heap bytes per piece at 10^6 pieces. Run it with
 *
 * <pre>
 * ./mvnw -q -pl bench -am compile &amp;&amp; java -Xms2g -Xmx2g -XX:+UseSerialGC \
 *   -cp model/target/classes:impl/target/classes:bench/target/classes io.guestram.bench.AllocateFreeBench
 * </pre>
 *
 * <p>The state: one registration of 2^40 bytes with every other 64-byte block allocated, so
 * that allocated and free pieces alternate (n pieces in all, the gaps included). Two loops:
 * <ul>
 *   <li>{@code hole}: {@code allocate(64)} fills the lowest hole exactly (merging three pieces
 *       into one, two removals) and {@code free} reopens it (two insertions);
 *   <li>{@code skip}: {@code allocate(65)} fits no hole, so the search must pass all n/2 of
 *       them to reach the free tail (the augmented maxima make that O(log n)).
 * </ul>
 * Each figure is the median of 7 timed rounds of 300,000 pairs after 3 warm-up rounds, both in
 * wall-clock time and in the thread's CPU time (the steadier of the two on a shared machine,
 * where the process may wait for a core). Bytes per piece is the
 * drop in free heap after {@code System.gc()}, divided by the pieces created; the guest memory
 * holds nothing, so the delta is the tree's nodes.
 */
public final class AllocateFreeBench {

    private static final long BLOCK = 64;
    private static final int ROUNDS = 7;
    private static final int WARMUP = 3;
    private static final int ITERATIONS = 300_000;

    private static long sink;

    private AllocateFreeBench() {}

    public static void main(String[] args) {
        for (int pieces : new int[] {100, 100_000}) {
            for (long size : new long[] {BLOCK, BLOCK + 1}) {
                double[] ns = nsPerPair(alternating(pieces), size);
                System.out.printf("%s allocate(%d)+free at %,d pieces: %.0f ns/pair wall, %.0f ns/pair cpu%n",
                        size == BLOCK ? "hole" : "skip", size, pieces, ns[0], ns[1]);
            }
        }
        System.out.printf("heap per piece at 10^6 pieces: %.1f bytes%n", bytesPerPiece(1_000_000));
        System.out.println("(sink " + sink + ")");
    }

    /** A guest RAM of about {@code pieces} pieces: allocated and free blocks alternating. */
    static OptimizedGuestRam alternating(int pieces) {
        OptimizedGuestRam ram = new OptimizedGuestRam(Config.defaults(Profile.SPEC));
        ram.registerAt(0, 1L << 40, false);
        for (long i = 0; i < pieces / 2; i++) {
            ram.markAllocated(2 * i * BLOCK, BLOCK);
        }
        return ram;
    }

    /** Median ns per pair over the timed rounds: {wall clock, this thread's CPU time}. */
    private static double[] nsPerPair(OptimizedGuestRam ram, long size) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] wall = new double[ROUNDS];
        double[] cpu = new double[ROUNDS];
        for (int r = -WARMUP; r < ROUNDS; r++) {
            long wallStart = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < ITERATIONS; i++) {
                long at = ram.allocate(size);
                ram.free(at, size);
                sink += at;
            }
            if (r >= 0) {
                wall[r] = (System.nanoTime() - wallStart) / (double) ITERATIONS;
                cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / (double) ITERATIONS;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[] {wall[ROUNDS / 2], cpu[ROUNDS / 2]};
    }

    private static double bytesPerPiece(int pieces) {
        long before = usedHeap();
        OptimizedGuestRam ram = alternating(pieces);
        long after = usedHeap();
        int created = ram.memoryMap().size(); // the registered pieces: the tree's all but the unregistered rest
        sink += created;
        return (after - before) / (double) created;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
