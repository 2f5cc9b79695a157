package io.guestram.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A memory map of exactly n registered pieces to benchmark at, independent of the subject that
 * will hold it: pieces in address order, maximal (two neighbours never share a kind), grouped
 * into registrations separated by unregistered gaps.
 *
 * <p>Every piece and gap is long (at least 2^36 bytes), except the small free holes of the
 * random layout, so that a benchmark can nibble {@link #STEP} bytes at a time off the head of a
 * piece for as long as a JMH trial lasts without the number of pieces changing: see
 * {@link CallBenchmark}.
 */
final class Layout {

    /** Bytes one mutating call takes from a piece or gap: one 4 KiB page. */
    static final long STEP = 4096;

    /** Where the first registration starts. */
    static final long BASE = 1L << 40;

    /** The length of every piece of the fragmented layout: 1 TiB. */
    static final long FRAGMENT = 1L << 40;

    /** Pieces at least this long can be nibbled at for a whole trial: 2^36 / 4 KiB = 16 M calls. */
    static final long LONG_PIECE = 1L << 36;

    enum Kind {
        /** One registration of n pieces of 1 TiB, alternately allocated and free. */
        FRAGMENTED,
        /**
         * Registrations of 1 to 8 pieces separated by gaps of 2^36 to 2^40 bytes, pieces of 2^36 to
         * 2^40 bytes at byte granularity, a quarter of the free ones small holes of fewer than 4096
         * bytes; registered and marked in a random order.
         */
        RANDOM;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind parse(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    final Kind kind;
    final long[] first;
    final long[] size;
    final boolean[] allocated;
    /** Registration i is pieces {@code regionStart[i] .. regionStart[i + 1] - 1}. */
    final int[] regionStart;
    /** The order in which the registrations and the allocated pieces are made. */
    final int[] registerOrder;
    final int[] markOrder;

    private Layout(Kind kind, long[] first, long[] size, boolean[] allocated, int[] regionStart,
            int[] registerOrder, int[] markOrder) {
        this.kind = kind;
        this.first = first;
        this.size = size;
        this.allocated = allocated;
        this.regionStart = regionStart;
        this.registerOrder = registerOrder;
        this.markOrder = markOrder;
    }

    static Layout of(Kind kind, int n, long seed) {
        return kind == Kind.FRAGMENTED ? fragmented(n) : random(n, seed);
    }

    /** n pieces of 1 TiB in one registration: allocated, free, allocated, ..., made in address order. */
    static Layout fragmented(int n) {
        long[] first = new long[n];
        long[] size = new long[n];
        boolean[] allocated = new boolean[n];
        List<Integer> marks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            first[i] = BASE + i * FRAGMENT;
            size[i] = FRAGMENT;
            allocated[i] = i % 2 == 0;
            if (allocated[i]) {
                marks.add(i);
            }
        }
        return new Layout(Kind.FRAGMENTED, first, size, allocated, new int[] {0, n}, new int[] {0},
                marks.stream().mapToInt(Integer::intValue).toArray());
    }

    /** n pieces in random registrations, made in a random order; the same seed, the same layout. */
    static Layout random(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] first = new long[n];
        long[] size = new long[n];
        boolean[] allocated = new boolean[n];
        List<Integer> regions = new ArrayList<>();
        long at = BASE;
        int i = 0;
        while (i < n) {
            regions.add(i);
            int pieces = Math.min(n - i, 1 + random.nextInt(8));
            boolean kind = random.nextBoolean();
            for (int k = 0; k < pieces; k++, i++) {
                first[i] = at;
                allocated[i] = kind;
                boolean hole = !kind && random.nextInt(4) == 0;
                size[i] = hole ? 1 + random.nextLong(STEP - 1) : random.nextLong(LONG_PIECE, FRAGMENT);
                at += size[i];
                kind = !kind;
            }
            at += random.nextLong(LONG_PIECE, FRAGMENT);
        }
        regions.add(n);
        int[] regionStart = regions.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> marks = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            if (allocated[p]) {
                marks.add(p);
            }
        }
        return new Layout(Kind.RANDOM, first, size, allocated, regionStart,
                shuffled(range(regionStart.length - 1), random), shuffled(marks, random));
    }

    int pieces() {
        return first.length;
    }

    int registrations() {
        return regionStart.length - 1;
    }

    long last(int piece) {
        return first[piece] + size[piece] - 1;
    }

    /** True iff piece p directly follows a piece (not a gap). */
    boolean hasPieceBefore(int p) {
        return p > 0 && last(p - 1) + 1 == first[p];
    }

    boolean isLong(int p) {
        return size[p] >= LONG_PIECE;
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return list;
    }

    static int[] shuffled(List<Integer> values, SplittableRandom random) {
        int[] a = values.stream().mapToInt(Integer::intValue).toArray();
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
