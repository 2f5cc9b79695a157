package io.guestram.bench;

import io.guestram.GuestRam;
import io.guestram.Region;
import io.guestram.TouchCallback;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One benchmark per call of the guest RAM interface, at a steady number of pieces n.
 *
 * <p>Each call that changes the state takes {@link Layout#STEP} bytes off the head of a long
 * piece or gap and hands them to the neighbour below it, which already has the kind the bytes
 * get, so the two merge and n stays exactly the same call after call:
 * <ul>
 *   <li>{@code registerAt}: the head of a gap that follows a free piece (the free piece grows);</li>
 *   <li>{@code markAllocated}: the head of a free piece that follows an allocated one;</li>
 *   <li>{@code free}: the head of an allocated piece that follows a free one;</li>
 *   <li>{@code allocate}: first fit, which carves the head of the lowest free piece long
 *       enough, after an allocated piece in the layouts used here.</li>
 * </ul>
 * Targets are up to {@link #TARGETS} distinct pieces (or gaps) drawn at random from those that
 * qualify, visited round-robin in a random order, so that consecutive calls land far apart.
 * Queries (largest, touch, read, write) use the same kind of pool of page-aligned addresses
 * inside long pieces. A subclass supplies the parameters: {@link ScalingBenchmark} the
 * implementation and the port up to 10^6 pieces, {@link ModelBenchmark} the reference model up
 * to 10^4.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public abstract class CallBenchmark {

    /** At most this many distinct targets per benchmark; system property {@code guestram.bench.targets}. */
    static final int TARGETS = Integer.getInteger("guestram.bench.targets", 1024);

    static final int PAGE = 4096;

    private static final TouchCallback NOTHING = (chunk, memory) -> 0;

    protected abstract int pieces();

    protected abstract String subject();

    protected abstract String layout();

    GuestRam ram;
    private long[] registerHeads;
    private long[] markHeads;
    private long[] freeHeads;
    private long[] accessAddresses;
    private int registerNext;
    private int markNext;
    private int freeNext;
    private int accessNext;
    private final byte[] data = new byte[PAGE];

    @Setup(Level.Trial)
    public void build() {
        Layout layout = Layout.of(Layout.Kind.parse(layout()), pieces(), 42);
        ram = Subject.parse(subject()).build(layout);
        SplittableRandom random = new SplittableRandom(7);
        List<Integer> gapsAfterFree = new ArrayList<>();
        List<Integer> freeAfterAllocated = new ArrayList<>();
        List<Integer> allocatedAfterFree = new ArrayList<>();
        List<Integer> longPieces = new ArrayList<>();
        for (int p = 0; p < layout.pieces(); p++) {
            boolean endsRegistration = p == layout.pieces() - 1 || !layout.hasPieceBefore(p + 1);
            if (endsRegistration && !layout.allocated[p]) {
                gapsAfterFree.add(p);
            }
            if (layout.isLong(p) && layout.hasPieceBefore(p)) {
                (layout.allocated[p] ? allocatedAfterFree : freeAfterAllocated).add(p);
            }
            if (layout.isLong(p)) {
                longPieces.add(p);
            }
        }
        registerHeads = heads(layout, pick(gapsAfterFree, random), true);
        markHeads = heads(layout, pick(freeAfterAllocated, random), false);
        freeHeads = heads(layout, pick(allocatedAfterFree, random), false);
        int[] access = pick(longPieces, random);
        accessAddresses = new long[access.length];
        for (int i = 0; i < access.length; i++) {
            int p = access[i];
            accessAddresses[i] = (layout.first[p] + layout.size[p] / 2) & -PAGE;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 1);
        }
    }

    /** Up to {@link #TARGETS} distinct candidates in a random order. */
    private static int[] pick(List<Integer> candidates, SplittableRandom random) {
        int[] all = Layout.shuffled(candidates, random);
        int[] chosen = new int[Math.min(all.length, TARGETS)];
        System.arraycopy(all, 0, chosen, 0, chosen.length);
        return chosen;
    }

    /** The first byte of each piece, or of the gap after it. */
    private static long[] heads(Layout layout, int[] pieces, boolean gapAfter) {
        long[] heads = new long[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            int p = pieces[i];
            heads[i] = gapAfter ? layout.last(p) + 1 : layout.first[p];
        }
        return heads;
    }

    @Benchmark
    public void registerAt() {
        int i = registerNext;
        registerNext = i + 1 == registerHeads.length ? 0 : i + 1;
        ram.registerAt(registerHeads[i], Layout.STEP, false);
        registerHeads[i] += Layout.STEP;
    }

    @Benchmark
    public void markAllocated() {
        int i = markNext;
        markNext = i + 1 == markHeads.length ? 0 : i + 1;
        ram.markAllocated(markHeads[i], Layout.STEP);
        markHeads[i] += Layout.STEP;
    }

    @Benchmark
    public long allocate() {
        return ram.allocate(Layout.STEP);
    }

    @Benchmark
    public void free() {
        int i = freeNext;
        freeNext = i + 1 == freeHeads.length ? 0 : i + 1;
        ram.free(freeHeads[i], Layout.STEP);
        freeHeads[i] += Layout.STEP;
    }

    @Benchmark
    public Region largestFree() {
        return ram.findLargestFreeRegion();
    }

    @Benchmark
    public int touch1() {
        return ram.touch(nextAccess(), PAGE, NOTHING);
    }

    @Benchmark
    public int touch64() {
        return ram.touch(nextAccess(), 64L * PAGE, NOTHING);
    }

    @Benchmark
    public byte[] read4k() {
        return ram.read(nextAccess(), PAGE);
    }

    @Benchmark
    public void write4k() {
        ram.write(nextAccess(), data);
    }

    private long nextAccess() {
        int i = accessNext;
        accessNext = i + 1 == accessAddresses.length ? 0 : i + 1;
        return accessAddresses[i];
    }
}
