package io.guestram.call;

import io.guestram.Chunk;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Region;
import io.guestram.U64;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One call of the guest RAM interface with its arguments: the common currency of the explorer,
 * the conformance engine, traces and the driver protocol. {@link #op()} is the action's name in
 * spec/GuestRam.tla, {@link #name()} the call's name in traces and the protocol.
 */
public sealed interface Call {

    /** The TLA+ action this call corresponds to (e.g. {@code RegisterAt}). */
    String op();

    /** The C-style name used in traces and the driver protocol (e.g. {@code register_at}). */
    String name();

    /**
     * Performs the call on {@code ram}; a rejection becomes an error outcome. A {@link CallTarget}
     * (an implementation in another process) performs the call as a whole, callbacks included.
     */
    default Outcome apply(GuestRam ram) {
        if (ram instanceof CallTarget target) {
            return target.perform(this);
        }
        try {
            return perform(ram);
        } catch (GuestRamException e) {
            return Outcome.failed(e.code());
        }
    }

    /** Performs the call, letting a rejection propagate. */
    Outcome perform(GuestRam ram);

    /** The call as a Java statement on a variable named {@code ram}, for replayable reports. */
    String java();

    private static String lit(long v) {
        return U64.hex(v) + "L";
    }

    record RegisterAt(long start, long size, boolean untyped) implements Call {
        public String op() { return "RegisterAt"; }
        public String name() { return "register_at"; }
        public Outcome perform(GuestRam ram) {
            ram.registerAt(start, size, untyped);
            return Outcome.ok();
        }
        public String java() { return "ram.registerAt(" + lit(start) + ", " + lit(size) + ", " + untyped + ");"; }
    }

    record Register(long size) implements Call {
        public String op() { return "Register"; }
        public String name() { return "register"; }
        public Outcome perform(GuestRam ram) { return Outcome.ok(ram.register(size)); }
        public String java() { return "ram.register(" + lit(size) + ");"; }
    }

    record MarkAllocated(long start, long size) implements Call {
        public String op() { return "MarkAllocated"; }
        public String name() { return "mark_allocated"; }
        public Outcome perform(GuestRam ram) {
            ram.markAllocated(start, size);
            return Outcome.ok();
        }
        public String java() { return "ram.markAllocated(" + lit(start) + ", " + lit(size) + ");"; }
    }

    record Allocate(long size) implements Call {
        public String op() { return "Allocate"; }
        public String name() { return "allocate"; }
        public Outcome perform(GuestRam ram) { return Outcome.ok(ram.allocate(size)); }
        public String java() { return "ram.allocate(" + lit(size) + ");"; }
    }

    record Free(long start, long size) implements Call {
        public String op() { return "Free"; }
        public String name() { return "free"; }
        public Outcome perform(GuestRam ram) {
            ram.free(start, size);
            return Outcome.ok();
        }
        public String java() { return "ram.free(" + lit(start) + ", " + lit(size) + ");"; }
    }

    record Largest() implements Call {
        public String op() { return "Largest"; }
        public String name() { return "largest"; }
        public Outcome perform(GuestRam ram) {
            Region r = ram.findLargestFreeRegion();
            return Outcome.ok(r.start(), r.size());
        }
        public String java() { return "ram.findLargestFreeRegion();"; }
    }

    /**
     * A touch whose {@code stopAt}-th callback (1-based; 0 for none) returns {@code stopValue}
     * instead of 0. The spec's convention is {@code stopValue == stopAt}.
     */
    record Touch(long address, long size, int stopAt, int stopValue) implements Call {
        public Touch {
            if (stopAt < 0 || (stopAt > 0 && stopValue == 0)) {
                throw new IllegalArgumentException(
                        "touch stop " + stopAt + " must be >= 0 with a non-zero value, got " + stopValue);
            }
        }
        public String op() { return "Touch"; }
        public String name() { return "touch"; }
        public Outcome perform(GuestRam ram) {
            List<Chunk> seen = new ArrayList<>();
            int result = ram.touch(address, size, (chunk, memory) -> {
                seen.add(chunk);
                return seen.size() == stopAt ? stopValue : 0;
            });
            return new Outcome(null, List.of((long) result), seen, new byte[0]);
        }
        public String java() {
            return "ram.touch(" + lit(address) + ", " + lit(size)
                    + ", (chunk, memory) -> /* callback " + stopAt + " returns " + stopValue + " */ 0);";
        }
    }

    record Read(long address, int size) implements Call {
        public String op() { return "Read"; }
        public String name() { return "read"; }
        public Outcome perform(GuestRam ram) {
            return new Outcome(null, List.of(), List.of(), ram.read(address, size));
        }
        public String java() { return "ram.read(" + lit(address) + ", " + size + ");"; }
    }

    record Write(long address, byte[] data) implements Call {
        public Write {
            data = data.clone();
        }
        @Override
        public byte[] data() { return data.clone(); }
        public String op() { return "Write"; }
        public String name() { return "write"; }
        public Outcome perform(GuestRam ram) {
            ram.write(address, data);
            return Outcome.ok();
        }
        public String java() {
            return "ram.write(" + lit(address) + ", java.util.HexFormat.of().parseHex(\""
                    + HexFormat.of().formatHex(data) + "\"));";
        }
        @Override
        public boolean equals(Object o) {
            return o instanceof Write w && w.address == address && java.util.Arrays.equals(w.data, data);
        }
        @Override
        public int hashCode() { return Long.hashCode(address) * 31 + java.util.Arrays.hashCode(data); }
        @Override
        public String toString() { return "Write[address=" + U64.hex(address) + ", data=" + HexFormat.of().formatHex(data) + "]"; }
    }
}
