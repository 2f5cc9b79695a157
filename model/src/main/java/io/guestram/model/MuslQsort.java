package io.guestram.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * musl's qsort (src/stdlib/qsort.c, smoothsort; musllibc 9798aed), the libc of seL4 user space,
 * transliterated line for line over a list: an element pointer {@code base + i * width} is the
 * index {@code i}, so {@code width} is 1 and the Leonardo numbers count elements. It is not
 * stable: elements that compare equal can come out in another order than they went in, which
 * libsel4vm's entry array shows once two entries share a start (libsel4vm.md, D6).
 *
 * <p>One deviation: musl's bitmap of heap orders is {@code size_t p[2]}, 128 bits; here it is one
 * {@code long}, exactly. Bit k of p stands for a heap of order {@code pshift + k}, and every
 * operation keeps that so (each shift of p comes with the opposite change of pshift; the final
 * loop's {@code p ^= 7} touches the orders from the new pshift to the old one, the heap it
 * splits), so a set bit is never above the order of a heap that exists. A heap of order k holds
 * L(k) elements of the list, L the Leonardo numbers, and a Java list holds at most 2^31 - 1,
 * while L(44) = 2,269,806,339: no order exceeds 43, no bit above bit 43 is ever set, and musl's
 * upper word {@code p[1]} stays 0 from start to end for every list Java can hold (musl needs it
 * for heaps of order 64 and more, L(64) being about 2^45 elements). With {@code p[1]} 0, each of
 * musl's operations on the pair is the same operation on {@code p[0]}: {@code shl} and
 * {@code shr} shift by less than 64 and carry only zeros between the words, so they are
 * {@code <<=} and {@code >>>=}; the loop tests {@code p[0] != 1 || p[1] != 0} are {@code p != 1};
 * and {@code pntz} is {@code a_ctz_l(p[0] - 1)} (where that is 0, musl's second half computes
 * 64 + a_ctz_l(p[1]) = 64 and returns 0 as well).
 */
final class MuslQsort<T> {

    private final List<T> a;
    private final Comparator<? super T> cmp;
    private final long[] lp = new long[12 * Long.BYTES];

    private MuslQsort(List<T> a, Comparator<? super T> cmp) {
        this.a = a;
        this.cmp = cmp;
    }

    /** Sorts {@code list} in place in the order musl's qsort leaves an array in. */
    static <T> void sort(List<T> list, Comparator<? super T> cmp) {
        new MuslQsort<>(list, cmp).qsort();
    }

    private int compare(long i, long j) {
        return cmp.compare(a.get((int) i), a.get((int) j));
    }

    /** a_ctz_l as musl's generic atomic.h computes it: the De Bruijn table gives 0 for 0. */
    private static int ntz(long x) {
        return x == 0 ? 0 : Long.numberOfTrailingZeros(x);
    }

    /** pntz with p[1] = 0 (see the class comment). */
    private static int pntz(long p) {
        return ntz(p - 1);
    }

    /**
     * cycle: the element at ar[0] moves to ar[n-1], every other one down to the previous slot.
     * {@code ar} holds exactly the n positions (musl's has one more slot, for its temporary buffer).
     */
    private void cycle(long[] ar) {
        int n = ar.length;
        if (n < 2) {
            return;
        }
        T tmp = a.get((int) ar[0]);
        for (int i = 0; i < n - 1; i++) {
            a.set((int) ar[i], a.get((int) ar[i + 1]));
        }
        a.set((int) ar[n - 1], tmp);
    }

    private void sift(long head, int pshift) {
        long[] ar = new long[14 * Long.BYTES + 1];
        int i = 1;
        ar[0] = head;
        while (pshift > 1) {
            long rt = head - 1;
            long lf = head - 1 - lp[pshift - 2];
            if (compare(ar[0], lf) >= 0 && compare(ar[0], rt) >= 0) {
                break;
            }
            if (compare(lf, rt) >= 0) {
                ar[i++] = lf;
                head = lf;
                pshift -= 1;
            } else {
                ar[i++] = rt;
                head = rt;
                pshift -= 2;
            }
        }
        cycle(Arrays.copyOf(ar, i));
    }

    private void trinkle(long head, long pp, int pshift, boolean trusty) {
        long p = pp;
        long[] ar = new long[14 * Long.BYTES + 1];
        int i = 1;
        ar[0] = head;
        while (p != 1) {
            long stepson = head - lp[pshift];
            if (compare(stepson, ar[0]) <= 0) {
                break;
            }
            if (!trusty && pshift > 1) {
                long rt = head - 1;
                long lf = head - 1 - lp[pshift - 2];
                if (compare(rt, stepson) >= 0 || compare(lf, stepson) >= 0) {
                    break;
                }
            }
            ar[i++] = stepson;
            head = stepson;
            int trail = pntz(p);
            p >>>= trail;
            pshift += trail;
            trusty = false;
        }
        if (!trusty) {
            cycle(Arrays.copyOf(ar, i));
            sift(head, pshift);
        }
    }

    private void qsort() {
        long size = a.size();
        long p = 1;
        int pshift = 1;
        if (size == 0) {
            return;
        }
        long head = 0;
        long high = size - 1;
        lp[0] = 1;
        lp[1] = 1;
        for (int i = 2; (lp[i] = lp[i - 2] + lp[i - 1] + 1) < size; i++) {
            // Leonardo numbers below the size
        }
        while (head < high) {
            if ((p & 3) == 3) {
                sift(head, pshift);
                p >>>= 2;
                pshift += 2;
            } else {
                if (lp[pshift - 1] >= high - head) {
                    trinkle(head, p, pshift, false);
                } else {
                    sift(head, pshift);
                }
                if (pshift == 1) {
                    p <<= 1;
                    pshift = 0;
                } else {
                    p <<= pshift - 1;
                    pshift = 1;
                }
            }
            p |= 1;
            head += 1;
        }
        trinkle(head, p, pshift, false);
        while (pshift != 1 || p != 1) {
            if (pshift <= 1) {
                int trail = pntz(p);
                p >>>= trail;
                pshift += trail;
            } else {
                p <<= 2;
                pshift -= 2;
                p ^= 7;
                p >>>= 1;
                trinkle(head - lp[pshift] - 1, p, pshift + 1, true);
                p <<= 1;
                p |= 1;
                trinkle(head - 1, p, pshift, true);
            }
            head -= 1;
        }
    }
}
