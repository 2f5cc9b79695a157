package io.guestram.explorer;

import io.guestram.Chunk;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** Arguments recorded and values returned by each call: the specs' ArgCount and RetCount. */
    private static final Map<String, List<Integer>> ARGS_AND_RETURNS = Map.of(
            "Init", List.of(0, 0), "RegisterAt", List.of(2, 0), "Register", List.of(1, 1),
            "MarkAllocated", List.of(2, 0), "Allocate", List.of(1, 1), "Free", List.of(2, 0),
            "Largest", List.of(0, 2), "Touch", List.of(3, 1), "Write", List.of(2, 0), "Read", List.of(2, 0));

    /**
     * ErrorsAreSpelledOut, in both specs: the code is one the call may report ({@code codesOf},
     * the profile's CodesOf), and a refused call returns nothing (a refused touch not even chunks,
     * unless the callback's refusal ended it).
     */
    static boolean errorsAreSpelledOut(Call call, Outcome outcome, Map<String, Set<String>> codesOf) {
        String op = call == null ? "Init" : call.op();
        boolean known = codesOf.get(op).contains(outcome.isOk() ? "OK" : outcome.error().name());
        boolean bare = outcome.isOk() || (outcome.values().isEmpty() && outcome.chunks().isEmpty()
                && (!op.equals("Touch") || args(call).get(2) == 0));
        return known && bare;
    }

    /** ResultsHaveTheirShape, in both specs: as many args and rets as the call has, chunks only from a touch. */
    static boolean resultsHaveTheirShape(Call call, Outcome outcome) {
        String op = call == null ? "Init" : call.op();
        List<Integer> shape = ARGS_AND_RETURNS.get(op);
        List<Long> args = args(call);
        // A write records its n bytes after a and n; a read returns n bytes.
        long extraArgs = op.equals("Write") ? args.get(1) : 0;
        long returned = op.equals("Read") ? args.get(1) : shape.get(1);
        boolean argsFit = args.size() == shape.get(0) + extraArgs;
        boolean returns = !outcome.isOk() || ret(call, outcome).size() == returned;
        boolean chunks = outcome.chunks().isEmpty() || (op.equals("Touch") && outcome.isOk());
        return argsFit && returns && chunks;
    }
}
