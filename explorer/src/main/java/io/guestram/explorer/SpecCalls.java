package io.guestram.explorer;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The calls of the spec's {@code Next} in a small configuration: addresses in {@code 0..Limit},
 * sizes in {@code 0..Limit}, both values of register_at's untyped flag, for an accepted touch
 * every stopping callback {@code k} in {@code 0..chunks} (callback k returns k), a write of
 * {@link #pattern} for every first byte {@code v} in {@code 0..ByteValues-1}, and a read.
 */
public final class SpecCalls {

    private SpecCalls() {}

    /** The calls of a configuration with one byte value. */
    public static List<Call> enabled(Config config, GuestRam state) {
        return enabled(config, 1, state);
    }

    /**
     * The n bytes the specs' {@code Write(a, n, v)} writes ({@code Pattern(n, v)}): v, v + 1, ...
     * modulo {@code byteValues}, so that a byte's value tells its offset in the buffer.
     */
    public static byte[] pattern(int n, int v, int byteValues) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) ((v + i) % byteValues);
        }
        return data;
    }

    public static List<Call> enabled(Config config, int byteValues, GuestRam state) {
        long limit = config.lastAddress() + 1;
        List<Call> calls = new ArrayList<>();
        for (long s = 0; s <= limit; s++) {
            for (long n = 0; n <= limit; n++) {
                calls.add(new Call.RegisterAt(s, n, false));
                calls.add(new Call.RegisterAt(s, n, true));
            }
        }
        for (long n = 0; n <= limit; n++) {
            calls.add(new Call.Register(n));
        }
        for (long s = 0; s <= limit; s++) {
            for (long n = 0; n <= limit; n++) {
                calls.add(new Call.MarkAllocated(s, n));
            }
        }
        for (long n = 0; n <= limit; n++) {
            calls.add(new Call.Allocate(n));
        }
        for (long s = 0; s <= limit; s++) {
            for (long n = 0; n <= limit; n++) {
                calls.add(new Call.Free(s, n));
            }
        }
        calls.add(new Call.Largest());
        for (long a = 0; a <= limit; a++) {
            for (long n = 0; n <= limit; n++) {
                calls.addAll(touches(state, a, n));
            }
        }
        for (long a = 0; a <= limit; a++) {
            for (long n = 0; n <= limit; n++) {
                for (int v = 0; v < byteValues; v++) {
                    calls.add(new Call.Write(a, pattern((int) n, v, byteValues)));
                }
            }
        }
        for (long a = 0; a <= limit; a++) {
            for (long n = 0; n <= limit; n++) {
                calls.add(new Call.Read(a, (int) n));
            }
        }
        return calls;
    }

    private static List<Call> touches(GuestRam state, long address, long size) {
        List<Call> touches = new ArrayList<>();
        touches.add(new Call.Touch(address, size, 0, 0));
        Outcome walk = touches.get(0).apply(state);
        for (int k = 1; k <= walk.chunks().size(); k++) {
            touches.add(new Call.Touch(address, size, k, k));
        }
        return touches;
    }
}
