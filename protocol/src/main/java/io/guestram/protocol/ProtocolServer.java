package io.guestram.protocol;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.call.Call;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * Serves a {@link GuestRam} over the driver protocol: reads commands from {@code in}, answers each
 * with one line on {@code out}. The implementation is made from the handshake's configuration
 * and made anew on {@code reset}.
 */
public final class ProtocolServer {

    private final Function<Config, GuestRam> factory;

    public ProtocolServer(Function<Config, GuestRam> factory) {
        this.factory = factory;
    }

    /** Serves until {@code quit} or the end of input; returns the number of calls answered. */
    public long serve(BufferedReader in, PrintStream out) throws IOException {
        Config config = null;
        GuestRam ram = null;
        long calls = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
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
