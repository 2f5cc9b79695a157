package io.guestram.protocol;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.call.Call;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.function.Function;

/**
 * Serves a {@link GuestRam} over the driver protocol: reads commands from {@code in}, answers each
 * with one line on {@code out}. The implementation is made from the handshake's configuration
 * and made anew on {@code reset}.
 */
public final class ProtocolServer {

    /** The longest command line served; a driver's lines are a few dozen characters. */
    public static final int MAX_LINE = 1 << 16;

    /**
     * Lines as {@link BufferedReader#readLine} reads them, but of at most {@link #MAX_LINE}
     * characters: a longer line is skipped, not kept, and reported as {@link LineTooLong}, so that
     * a driver gone wrong cannot fill the server's heap.
     */
    public static class Lines extends BufferedReader {

        public Lines(Reader in) {
            super(in);
        }

        @Override
        public String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            boolean overlong = false;
            for (int c = read(); ; c = read()) {
                if (c == -1 && line.length() == 0 && !overlong) {
                    return null;
                }
                if (c == -1 || c == '\n' || c == '\r') {
                    if (c == '\r') {
                        mark(1);
                        if (read() != '\n') {
                            reset();
                        }
                    }
                    if (overlong) {
                        throw new LineTooLong();
                    }
                    return line.toString();
                }
                if (line.length() < MAX_LINE) {
                    line.append((char) c);
                } else {
                    overlong = true;
                }
            }
        }
    }

    /** A line over {@link #MAX_LINE} characters; the next line is read as usual. */
    public static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLong() {
            super("a line longer than " + MAX_LINE + " characters");
        }
    }

    private final Function<Config, GuestRam> factory;

    public ProtocolServer(Function<Config, GuestRam> factory) {
        this.factory = factory;
    }

    /** Serves until {@code quit} or the end of input; returns the number of calls answered. */
    public long serve(Reader input, PrintStream out) throws IOException {
        Lines in = input instanceof Lines lines ? lines : new Lines(input);
        Config config = null;
        GuestRam ram = null;
        long calls = 0;
        while (true) {
            String line;
            try {
                line = in.readLine();
            } catch (LineTooLong e) {
                out.println("proto-error " + e.getMessage());
                out.flush();
                continue;
            }
            if (line == null) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            String word = line.strip().split(" +")[0];
            try {
                if (word.equals("hello")) {
                    config = Wire.parseHello(line);
                    ram = factory.apply(config);
                    out.println("hello " + Wire.VERSION);
                } else if (word.equals("quit")) {
                    out.println("bye");
                    out.flush();
                    return calls;
                } else if (ram == null) {
                    out.println("proto-error the session must open with hello");
                } else if (word.equals("map")) {
                    out.println(Wire.map(ram.memoryMap()));
                } else if (word.equals("reset")) {
                    ram = factory.apply(config);
                    out.println("ok");
                } else {
                    Call call = Wire.parseCommand(line);
                    out.println(Wire.answer(call, call.apply(ram)));
                    calls++;
                }
            } catch (ProtocolException | IllegalArgumentException e) {
                out.println("proto-error " + e.getMessage());
            }
            out.flush();
        }
        return calls;
    }
}
