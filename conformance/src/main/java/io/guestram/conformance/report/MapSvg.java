package io.guestram.conformance.report;

import io.guestram.Piece;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Memory maps drawn as SVG bars on one scale shared by every bar of a page, so that an address
 * is at the same x in every bar. The scale is logarithmic per segment between consecutive piece
 * boundaries of all the maps (a segment of n bytes is 1 + log2(n) units wide): one byte and 2^64
 * bytes both stay visible. Every bar is {@link #WIDTH} pixels wide from x = 0 and carries a tick
 * at every boundary; {@link #axis} labels the ticks. Free pieces are green, allocated ones orange,
 * unregistered addresses grey; ranges where two maps give bytes different states are outlined in
 * red, and a piece boundary only one of them has is a red line (solid on the map that has it,
 * dashed on the other). Hovering shows a piece's range.
 */
final class MapSvg {

    static final int WIDTH = 720;
    static final int BAR = 22;
    static final String FREE = "#60c060";
    static final String ALLOCATED = "#f0a040";
    static final String UNREGISTERED = "#dddddd";
    static final String DIFFERENT = "#d00000";
    private static final int TICK = 4;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /** Every piece boundary (first byte, and last byte + 1) of every map, ascending. */
    private final List<BigInteger> points;
    private final double[] offsets;

    MapSvg(Collection<List<Piece>> maps) {
        TreeSet<BigInteger> boundaries = new TreeSet<>();
        for (List<Piece> map : maps) {
            for (Piece p : map) {
                boundaries.add(unsigned(p.first()));
                boundaries.add(end(p));
            }
        }
        points = new ArrayList<>(boundaries);
        offsets = new double[points.size()];
        for (int i = 1; i < points.size(); i++) {
            double bytes = points.get(i).subtract(points.get(i - 1)).doubleValue();
            offsets[i] = offsets[i - 1] + 1 + Math.log(bytes) / Math.log(2);
        }
    }

    /** One map as a bar, with the ranges where it differs from {@code other} outlined; {@code other} may be the map itself. */
    String bar(List<Piece> map, List<Piece> other) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>"
                + "<rect width='%d' height='%d' fill='%s'><title>unregistered</title></rect>",
                WIDTH, BAR + TICK, WIDTH, BAR, UNREGISTERED));
        for (Piece p : map) {
            double x0 = x(unsigned(p.first()));
            double x1 = x(end(p));
            s.append(String.format(Locale.ROOT, "<rect x='%.1f' width='%.1f' height='%d' fill='%s' stroke='#333' "
                    + "stroke-width='0.5'><title>%s</title></rect>", x0, Math.max(1, x1 - x0), BAR,
                    p.allocated() ? ALLOCATED : FREE, p));
        }
        for (BigInteger[] d : differences(map, other)) {
            double x0 = x(d[0]);
            double x1 = x(d[1]);
            s.append(String.format(Locale.ROOT, "<rect class='differs' x='%.1f' y='1' width='%.1f' height='%d' fill='none' "
                    + "stroke='%s' stroke-width='2'><title>differs from the other side here</title></rect>",
                    x0 + 1, Math.max(1, x1 - x0 - 2), BAR - 2, DIFFERENT));
        }
        for (BigInteger b : boundaries(map)) {
            if (!boundaries(other).contains(b)) { // a piece boundary of one side only (e.g. pieces not coalesced)
                s.append(String.format(Locale.ROOT, "<line class='differs-boundary' x1='%.1f' x2='%.1f' y1='0' y2='%d' "
                        + "stroke='%s' stroke-width='3'><title>a piece boundary the other side does not have</title></line>",
                        x(b), x(b), BAR, DIFFERENT));
            }
        }
        for (BigInteger b : boundaries(other)) {
            if (!boundaries(map).contains(b)) {
                s.append(String.format(Locale.ROOT, "<line class='differs-boundary' x1='%.1f' x2='%.1f' y1='0' y2='%d' "
                        + "stroke='%s' stroke-width='3' stroke-dasharray='3,2'><title>the other side has a piece boundary "
                        + "here</title></line>", x(b), x(b), BAR, DIFFERENT));
            }
        }
        ticks(s, BAR, BAR + TICK);
        return s.append("</svg>").toString();
    }

    /** Where the map's pieces start and end. */
    private static TreeSet<BigInteger> boundaries(List<Piece> map) {
        TreeSet<BigInteger> b = new TreeSet<>();
        for (Piece p : map) {
            b.add(unsigned(p.first()));
            b.add(end(p));
        }
        return b;
    }

    /** The scale under the bars: a tick at every boundary, hex labels where they do not overlap. */
    String axis() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d'>"
                + "<line x1='0' x2='%d' y1='0.5' y2='0.5' stroke='#333'/>", WIDTH + 60, 20, WIDTH));
        ticks(s, 0, TICK);
        double labelEnd = -1;
        for (BigInteger p : points) {
            double x = x(p);
            String label = p.equals(TWO_TO_64) ? "2^64" : p.toString(16);
            if (x >= labelEnd) {
                s.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' font-size='9' font-family='monospace'>%s</text>",
                        x, TICK + 11, label));
                labelEnd = x + 6 * label.length() + 4;
            }
        }
        return s.append("</svg>").toString();
    }

    /** What the colours mean, as a small SVG. */
    static String legend() {
        StringBuilder s = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='900' height='18'>");
        String[][] keys = {{FREE, "free"}, {ALLOCATED, "allocated"}, {UNREGISTERED, "unregistered"}};
        int x = 0;
        for (String[] k : keys) {
            s.append(String.format(Locale.ROOT, "<rect x='%d' y='2' width='14' height='14' fill='%s' stroke='#333' "
                    + "stroke-width='0.5'/><text x='%d' y='13' font-size='12'>%s</text>", x, k[0], x + 18, k[1]));
            x += 28 + 7 * k[1].length();
        }
        s.append(String.format(Locale.ROOT, "<rect x='%d' y='2' width='14' height='14' fill='none' stroke='%s' "
                + "stroke-width='2'/><text x='%d' y='13' font-size='12'>model and implementation differ: bytes in another "
                + "state</text>", x, DIFFERENT, x + 18));
        x += 24 + 6 * "model and implementation differ: bytes in another state".length();
        s.append(String.format(Locale.ROOT, "<line x1='%d' x2='%d' y1='2' y2='16' stroke='%s' stroke-width='3'/>"
                + "<text x='%d' y='13' font-size='12'>a piece boundary one side only has</text>", x + 7, x + 7, DIFFERENT, x + 18));
        return s.append("</svg>").toString();
    }

    private void ticks(StringBuilder s, int y0, int y1) {
        for (BigInteger p : points) {
            s.append(String.format(Locale.ROOT, "<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#333' stroke-width='1'/>",
                    x(p), x(p), y0, y1));
        }
    }

    /** The ranges [from, to) of boundaries where the two maps give a segment different states. */
    List<BigInteger[]> differences(List<Piece> a, List<Piece> b) {
        List<BigInteger[]> found = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) {
            BigInteger from = points.get(i);
            if (state(a, from) == state(b, from)) {
                continue;
            }
            BigInteger to = points.get(i + 1);
            if (!found.isEmpty() && found.get(found.size() - 1)[1].equals(from)) {
                found.get(found.size() - 1)[1] = to;
            } else {
                found.add(new BigInteger[] {from, to});
            }
        }
        return found;
    }

    /** 0 unregistered, 1 free, 2 allocated: the state of the byte at {@code address} in {@code map}. */
    private static int state(List<Piece> map, BigInteger address) {
        for (Piece p : map) {
            if (unsigned(p.first()).compareTo(address) <= 0 && address.compareTo(end(p)) < 0) {
                return p.allocated() ? 2 : 1;
            }
        }
        return 0;
    }

    /** The x of a boundary; every boundary of every map drawn is one of {@link #points}. */
    double x(BigInteger address) {
        if (points.size() < 2) {
            return 0;
        }
        int i = points.indexOf(address);
        return offsets[i] * WIDTH / offsets[offsets.length - 1];
    }

    private static BigInteger end(Piece p) {
        return unsigned(p.last()).add(BigInteger.ONE);
    }

    private static BigInteger unsigned(long value) {
        BigInteger b = BigInteger.valueOf(value);
        return value < 0 ? b.add(TWO_TO_64) : b;
    }
}
