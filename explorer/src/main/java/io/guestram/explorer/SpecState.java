package io.guestram.explorer;

import io.guestram.Piece;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A state of spec/GuestRam.tla built from the model: {@code registered} and {@code allocated} as
 * sets of addresses, {@code contents} as the sequence of the bytes at addresses 0 .. Limit - 1 and
 * {@code last} as the record the spec's actions write (see spec/README.md for the encoding). Two
 * states are equal iff their {@link #canonical()} texts are.
 */
public record SpecState(long registered, long allocated, byte[] contents, Call call, Outcome outcome) implements LastOfState {

    public SpecState {
        contents = contents.clone();
    }

    @Override
    public byte[] contents() {
        return contents.clone();
    }

    /** The byte at address {@code b}, 0 to 255. */
    public int byteAt(long b) {
        return byteAt(contents, b);
    }

    /** Byte {@code b} of {@code contents}, 0 to 255. */
    static int byteAt(byte[] contents, long b) {
        return Byte.toUnsignedInt(contents[Math.toIntExact(b)]);
    }

    /** The initial state of a space of {@code limit} addresses: nothing registered, {@code last.op = "Init"}. */
    public static SpecState initial(int limit) {
        return new SpecState(0, 0, new byte[limit], null, Outcome.ok());
    }

    /** Packs a small memory map (every address below 64) into bit masks. */
    public static SpecState of(List<Piece> memoryMap, byte[] contents, Call call, Outcome outcome) {
        long registered = 0;
        long allocated = 0;
        for (Piece p : memoryMap) {
            long mask = Bits.range(p.first(), p.size());
            registered |= mask;
            if (p.allocated()) {
                allocated |= mask;
            }
        }
        return new SpecState(registered, allocated, contents, call, outcome);
    }

    /** The spec's variables; {@code last} only when {@code withLast} (else the spec's View). */
    public Map<String, Object> toTla(boolean withLast) {
        Map<String, Object> vars = new java.util.LinkedHashMap<>();
        vars.put("registered", Bits.toSet(registered));
        vars.put("allocated", Bits.toSet(allocated));
        vars.put("contents", bytes(contents));
        if (withLast) {
            vars.put("last", LastCall.record(call, outcome));
        }
        return vars;
    }

    public String canonical() {
        return canonical(true);
    }

    public String canonical(boolean withLast) {
        return TlaValues.canonical(toTla(withLast));
    }

    /** Bytes as the TLA+ sequence of naturals TLC prints. */
    static List<Object> bytes(byte[] contents) {
        List<Object> values = new java.util.ArrayList<>();
        for (byte b : contents) {
            values.add((long) Byte.toUnsignedInt(b));
        }
        return values;
    }

    /** Address sets of a small space as bit masks: bit i is address i. */
    static final class Bits {
        private Bits() {}

        static long range(long start, long size) {
            if (start < 0 || size < 0 || start + size > 63) {
                throw new IllegalArgumentException("the explorer handles addresses below 63 only");
            }
            return ((1L << size) - 1) << start;
        }

        static Set<Object> toSet(long mask) {
            Set<Object> set = new LinkedHashSet<>();
            for (long a = 0; a < 64; a++) {
                if ((mask & (1L << a)) != 0) {
                    set.add(a);
                }
            }
            return set;
        }
    }
}
