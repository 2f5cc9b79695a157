package io.guestram.model;

import java.util.Comparator;
import java.util.List;

/**
 * musl's qsort (src/stdlib/qsort.c, smoothsort; musllibc 9798aed), the libc of seL4 user space,
 * transliterated line for line over a list: an element pointer {@code base + i * width} is the
 * index {@code i}, so {@code width} is 1 and the Leonardo numbers count elements. It is not
 * stable: elements that compare equal can come out in another order than they went in, which
 * libsel4vm's entry array shows once two entries share a start (libsel4vm.md, D6).
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

    private static int pntz(long[] p) {
        int r = ntz(p[0] - 1);
        if (r != 0 || (r = 64 + ntz(p[1])) != 64) {
            return r;
        }
        return 0;
    }

    /** cycle: the element at ar[0] moves to ar[n-1], every other one down to the previous slot. */
    private void cycle(long[] ar, int n) {
        if (n < 2) {
            return;
        }
        T tmp = a.get((int) ar[0]);
        for (int i = 0; i < n - 1; i++) {
            a.set((int) ar[i], a.get((int) ar[i + 1]));
        }
        a.set((int) ar[n - 1], tmp);
    }

    private static void shl(long[] p, int n) {
        if (n >= 64) {
            n -= 64;
            p[1] = p[0];
            p[0] = 0;
        }
        p[1] <<= n;
        p[1] |= n == 0 ? 0 : p[0] >>> (64 - n); // C: a shift by 64 is undefined; n > 0 where it matters
        p[0] <<= n;
    }

    private static void shr(long[] p, int n) {
        if (n >= 64) {
            n -= 64;
            p[0] = p[1];
            p[1] = 0;
        }
        p[0] >>>= n;
        p[0] |= n == 0 ? 0 : p[1] << (64 - n);
        p[1] >>>= n;
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
        cycle(ar, i);
    }

    private void trinkle(long head, long[] pp, int pshift, boolean trusty) {
        long[] p = {pp[0], pp[1]};
        long[] ar = new long[14 * Long.BYTES + 1];
        int i = 1;
        ar[0] = head;
        while (p[0] != 1 || p[1] != 0) {
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
            shr(p, trail);
            pshift += trail;
            trusty = false;
        }
        if (!trusty) {
            cycle(ar, i);
            sift(head, pshift);
        }
    }

    private void qsort() {
        long size = a.size();
        long[] p = {1, 0};
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
            if ((p[0] & 3) == 3) {
                sift(head, pshift);
                shr(p, 2);
                pshift += 2;
            } else {
                if (lp[pshift - 1] >= high - head) {
                    trinkle(head, p, pshift, false);
                } else {
                    sift(head, pshift);
                }
                if (pshift == 1) {
                    shl(p, 1);
                    pshift = 0;
                } else {
                    shl(p, pshift - 1);
                    pshift = 1;
                }
            }
            p[0] |= 1;
            head += 1;
        }
        trinkle(head, p, pshift, false);
        while (pshift != 1 || p[0] != 1 || p[1] != 0) {
            if (pshift <= 1) {
                int trail = pntz(p);
                shr(p, trail);
                pshift += trail;
            } else {
                shl(p, 2);
                pshift -= 2;
                p[0] ^= 7;
                shr(p, 1);
                trinkle(head - lp[pshift] - 1, p, pshift + 1, true);
                shl(p, 1);
                p[0] |= 1;
                trinkle(head - 1, p, pshift, true);
            }
            head -= 1;
        }
    }
}
