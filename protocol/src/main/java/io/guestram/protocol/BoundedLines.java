package io.guestram.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits what a process writes into lines without trusting it: at most {@code limit} bytes of a
 * line are ever held, so a process that writes without end costs bounded memory. Invariant:
 * {@code line[0, kept)} holds the first {@code kept = min(lineBytes, limit)} bytes of the line in
 * progress, which is {@code lineBytes} long so far.
 */
final class BoundedLines {

    /** How much of an unfinished or cut line a report quotes. */
    static final int QUOTE = 80;

    /**
     * What one read gave: the lines it completed (each cut to {@code limit} bytes, {@code cut}
     * saying by how many), the line in progress ({@code pendingBytes} long, {@code pending} its
     * start) and whether the stream ended.
     */
    record Chunk(List<Line> lines, String pending, long pendingBytes, boolean ended) {}

    /** One complete line: its first {@code limit} bytes as text, and how many bytes were cut. */
    record Line(String text, long cut) {}

    private final InputStream in;
    private final int limit;
    private final byte[] buffer = new byte[8192];
    private byte[] line = new byte[256];
    private int kept;
    private long lineBytes;

    BoundedLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** Blocks for the next bytes; at the end of the stream (or a read error) the chunk says {@code ended}. */
    Chunk read() {
        int n;
        try {
            n = in.read(buffer);
        } catch (IOException e) {
            n = -1; // the process went away: the same as an end of stream for the reader
        }
        if (n < 0) {
            return new Chunk(List.of(), quote(), lineBytes, true);
        }
        List<Line> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
                append(from, i);
                lines.add(new Line(new String(line, 0, kept, StandardCharsets.UTF_8), lineBytes - kept));
                kept = 0;
                lineBytes = 0;
                from = i + 1;
            }
        }
        append(from, n);
        return new Chunk(lines, quote(), lineBytes, false);
    }

    private void append(int from, int to) {
        int keep = (int) Math.max(0, Math.min(to - from, limit - lineBytes));
        if (kept + keep > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(limit, Math.max(2L * line.length, kept + keep)));
        }
        System.arraycopy(buffer, from, line, kept, keep);
        kept += keep;
        lineBytes += to - from;
    }

    /** The start of the line in progress, for reports. */
    private String quote() {
        return head(new String(line, 0, Math.min(kept, QUOTE + 1), StandardCharsets.UTF_8));
    }

    static String head(String text) {
        return text.length() <= QUOTE ? text : text.substring(0, QUOTE) + "...";
    }
}
