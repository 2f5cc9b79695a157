package io.guestram.explorer;

import io.guestram.Chunk;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The spec's {@code last} record, the same in every profile: op, args, code, ret and chunks. */
final class LastCall {

    private LastCall() {}

    static Map<String, Object> record(Call call, Outcome outcome) {
        List<Object> chunks = new ArrayList<>();
        for (Chunk c : outcome.chunks()) {
            chunks.add(List.of(c.guestAddress(), c.size(), c.offset()));
        }
        return Map.of("op", call == null ? "Init" : call.op(), "args", new ArrayList<Object>(args(call)),
                "code", outcome.isOk() ? "OK" : outcome.error().name(),
                "ret", new ArrayList<Object>(ret(call, outcome)), "chunks", chunks);
    }

    /** The spec's {@code ret}: an accepted read returns the bytes it read, other calls their values. */
    static List<Long> ret(Call call, Outcome outcome) {
        if (call instanceof Call.Read && outcome.isOk()) {
            return bytes(outcome.data());
        }
        return outcome.values();
    }

    /** The arguments the specs record: a write records a, n and its n bytes; register_at not its flag. */
    static List<Long> args(Call call) {
        if (call == null) {
            return List.of();
        } else if (call instanceof Call.RegisterAt c) {
            return List.of(c.start(), c.size());
        } else if (call instanceof Call.Register c) {
            return List.of(c.size());
        } else if (call instanceof Call.MarkAllocated c) {
            return List.of(c.start(), c.size());
        } else if (call instanceof Call.Allocate c) {
            return List.of(c.size());
        } else if (call instanceof Call.Free c) {
            return List.of(c.start(), c.size());
        } else if (call instanceof Call.Largest) {
            return List.of();
        } else if (call instanceof Call.Touch c) {
            return List.of(c.address(), c.size(), (long) c.stopAt());
        } else if (call instanceof Call.Write c) {
            List<Long> args = new ArrayList<>(List.of(c.address(), (long) c.data().length));
            args.addAll(bytes(c.data()));
            return args;
        } else if (call instanceof Call.Read c) {
            return List.of(c.address(), (long) c.size());
        }
        throw new IllegalArgumentException(call.name() + " is not a spec action");
    }

    private static List<Long> bytes(byte[] data) {
        List<Long> values = new ArrayList<>();
        for (byte b : data) {
            values.add((long) Byte.toUnsignedInt(b));
        }
        return values;
    }
}
