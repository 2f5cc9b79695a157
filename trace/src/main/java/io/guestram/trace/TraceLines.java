package io.guestram.trace;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a trace file, read in bounded memory: each line is decoded as UTF-8 on its own, so
 * that a malformed byte is reported on its own line (a reader that decodes ahead would blame an
 * earlier one), and a line longer than {@link #MAX_LINE} bytes is refused before it fills the heap.
 * A line ends at {@code \n}; a {@code \r} before it is dropped.
 */
final class TraceLines implements Closeable {

    /** The longest line accepted: guestram writes lines of at most a few KiB. */
    static final int MAX_LINE = 1 << 20;

    /** A line that is not UTF-8 or too long. */
    static final class BadLine extends IOException {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int position;
    private int limit;

    TraceLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the file. */
    String next() throws IOException {
        line.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.size() == 0 ? null : decode();
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (line.size() + position - start > MAX_LINE) {
                throw new BadLine("line longer than " + MAX_LINE + " bytes");
            }
            line.write(buffer, start, position - start);
            if (position < limit) {
                position++; // the '\n'
                return decode();
            }
        }
    }

    private String decode() throws BadLine {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new BadLine("not UTF-8 text");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
