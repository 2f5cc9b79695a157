package io.guestram.impl;

import io.guestram.Piece;
import io.guestram.U64;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The linear-scan oracles for {@link PieceTree}'s searches, in test scope and sharing nothing
 * with the tree: they read only its memory map ({@link PieceTree#registeredPieces}), derive the
 * gaps as the unregistered stretches between registered pieces, and do the alignment arithmetic
 * in {@link BigInteger}, where nothing wraps at 2^64.
 */
final class PieceScans {

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private PieceScans() {}

    /** What the tree answers for the lowest free run, in the oracle's form. */
    static OptionalLong searched(PieceTree tree, long length) {
        return tree.hasFreeRun(length) ? OptionalLong.of(tree.lowestFreeRun(length)) : OptionalLong.empty();
    }

    /** The first address of the lowest free piece of at least {@code length} bytes. */
    static OptionalLong lowestFreeRun(PieceTree tree, long length) {
        for (Piece p : tree.registeredPieces()) {
            if (!p.allocated() && size(p.first(), p.last()).compareTo(unsigned(length)) >= 0) {
                return OptionalLong.of(p.first());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The lowest multiple of {@code pageSize} that starts {@code length} unregistered bytes
     * inside {@code lo..hi}: every gap clipped by the window, in address order.
     */
    static OptionalLong lowestAlignedFit(PieceTree tree, long pageSize, long lo, long hi, long length) {
        BigInteger page = unsigned(pageSize);
        for (long[] gap : gaps(tree.registeredPieces())) {
            BigInteger first = unsigned(gap[0]).max(unsigned(lo));
            BigInteger last = unsigned(gap[1]).min(unsigned(hi));
            if (first.compareTo(last) > 0) {
                continue;
            }
            BigInteger start = first.add(page).subtract(BigInteger.ONE).divide(page).multiply(page);
            if (start.add(unsigned(length)).subtract(BigInteger.ONE).compareTo(last) <= 0) {
                return OptionalLong.of(start.longValue());
            }
        }
        return OptionalLong.empty();
    }

    /** The unregistered stretches {first, last} between and around the registered pieces, in order. */
    static List<long[]> gaps(List<Piece> registered) {
        List<long[]> gaps = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        for (Piece p : registered) {
            if (unsigned(p.first()).compareTo(next) > 0) {
                gaps.add(new long[] {next.longValue(), p.first() - 1});
            }
            next = unsigned(p.last()).add(BigInteger.ONE);
        }
        if (next.compareTo(TWO_TO_64) < 0) {
            gaps.add(new long[] {next.longValue(), U64.MAX});
        }
        return gaps;
    }

    private static BigInteger size(long first, long last) {
        return unsigned(last).subtract(unsigned(first)).add(BigInteger.ONE);
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
