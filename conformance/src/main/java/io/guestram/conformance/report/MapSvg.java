package io.guestram.conformance.report;

import io.guestram.Piece;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Memory maps drawn as SVG bars on one shared axis, so that the maps of all steps line up. The
 * axis is logarithmic per segment between consecutive piece boundaries (a segment of n bytes is
 * 1 + log2(n) units wide): one byte and 2^64 bytes both stay visible. Free pieces are green,
 * allocated ones orange, unregistered addresses grey; hovering shows a piece's range.
 */
final class MapSvg {

    private static final int WIDTH = 720;
    private static final int BAR = 22;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final List<BigInteger> points;
    private final double[] offsets;

    MapSvg(Collection<List<Piece>> maps) {
        TreeSet<BigInteger> boundaries = new TreeSet<>();
        for (List<Piece> map : maps) {
            for (Piece p : map) {
                boundaries.add(unsigned(p.first()));
                boundaries.add(unsigned(p.last()).add(BigInteger.ONE));
            }
        }
        points = new ArrayList<>(boundaries);
        offsets = new double[points.size()];
        for (int i = 1; i < points.size(); i++) {
            double bytes = points.get(i).subtract(points.get(i - 1)).doubleValue();
            offsets[i] = offsets[i - 1] + 1 + Math.log(bytes) / Math.log(2);
        }
    }

    String draw(List<Piece> map) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH).append("' height='").append(BAR + 14)
                .append("'><rect width='").append(WIDTH).append("' height='").append(BAR).append("' fill='#ddd'/>");
        double labelEnd = -1;
        for (Piece p : map) {
            double x0 = x(unsigned(p.first()));
            double x1 = x(unsigned(p.last()).add(BigInteger.ONE));
            s.append(String.format("<rect x='%.1f' width='%.1f' height='%d' fill='%s' stroke='#333' stroke-width='0.5'>"
                    + "<title>%s</title></rect>", x0, Math.max(1, x1 - x0), BAR, p.allocated() ? "#f0a040" : "#60c060", p));
            if (x0 >= labelEnd) {
                String label = Long.toHexString(p.first());
                s.append(String.format("<text x='%.1f' y='%d' font-size='9' font-family='monospace'>%s</text>", x0, BAR + 11, label));
                labelEnd = x0 + 6 * label.length() + 4;
            }
        }
        return s.append("</svg>").toString();
    }

    private double x(BigInteger address) {
        if (points.size() < 2) {
            return 0;
        }
        int i = points.indexOf(address);
        return offsets[i] * WIDTH / offsets[offsets.length - 1];
    }

    private static BigInteger unsigned(long value) {
        BigInteger b = BigInteger.valueOf(value);
        return value < 0 ? b.add(TWO_TO_64) : b;
    }
}
