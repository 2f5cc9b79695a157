package io.guestram.conformance.explore;

import io.guestram.Piece;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A state of spec/GuestRam.tla built from the model: {@code registered} and {@code allocated} as
 * sets of addresses and {@code last} as the record the spec's actions write (see spec/README.md
 * for the encoding). Two states are equal iff their {@link #canonical()} texts are.
 */
public record SpecState(long registered, long allocated, Call call, Outcome outcome) {

    /** The initial state: nothing registered, {@code last.op = "Init"}. */
    public static SpecState initial() {
        return new SpecState(0, 0, null, Outcome.ok());
    }

    /** Packs a small memory map (every address below 64) into bit masks. */
    public static SpecState of(List<Piece> memoryMap, Call call, Outcome outcome) {
        long registered = 0;
        long allocated = 0;
        for (Piece p : memoryMap) {
            long mask = Bits.range(p.first(), p.size());
            registered |= mask;
            if (p.allocated()) {
                allocated |= mask;
            }
        }
        return new SpecState(registered, allocated, call, outcome);
    }

    public String op() {
        return call == null ? "Init" : call.op();
    }

    public String code() {
        return outcome.isOk() ? "OK" : outcome.error().name();
    }

    public List<Long> args() {
        return LastCall.args(call);
    }

    public Map<String, Object> toTla() {
        return Map.of("registered", Bits.toSet(registered), "allocated", Bits.toSet(allocated),
                "last", LastCall.record(call, outcome));
    }

    public String canonical() {
        return TlaValues.canonical(toTla());
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
