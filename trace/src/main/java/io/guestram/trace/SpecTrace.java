package io.guestram.trace;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.Arguments;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.explorer.Json;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A behaviour of spec/GuestRam.tla, spec/GuestRamSel4.tla or spec/GuestRamRuns.tla as a model checker writes it: ITF
 * (Apalache, Quint, guestram's own export) or TLC's {@code -dumpTrace json}. Both specs record
 * the last call with its arguments and result in the variable {@code last}, so every state after
 * the first is a call and its expected result; the state's bytes ({@code registered} and
 * {@code allocated}, or the sel4 {@code entries}) are the memory map expected after the call.
 *
 * @param format  "ITF" or "TLC"
 * @param config  the guestram configuration an ITF file of guestram's export names, if any
 * @param steps   the states after Init, in order
 */
public record SpecTrace(String format, Optional<Config> config, List<Step> steps) {

    /** The registered and allocated bytes of a state, as maximal runs in address order. */
    public record Bytes(List<Span> registered, List<Span> allocated) {}

    /** State {@code state} (Init is 0): the call that led to it, its result, and its bytes if the state has them. */
    public record Step(int state, JsonTrace.Line line, Optional<Bytes> after) {}

    public SpecTrace {
        steps = List.copyOf(steps);
    }

    public List<JsonTrace.Line> lines() {
        return steps.stream().map(Step::line).toList();
    }

    /** Whether a parsed JSON value is a whole trace of a spec (ITF or TLC's dump), not a line of docs/trace-format.md. */
    public static boolean isSpecTrace(Object json) {
        return json instanceof Map<?, ?> m && (m.containsKey("states") || m.containsKey("counterexample"));
    }

    /**
     * The number of arguments of each of the specs' actions (both specs have the same nine); a
     * write records a and n, then its n bytes.
     */
    private static final Map<String, Integer> ARITY = Map.of(
            "RegisterAt", 2, "Register", 1, "MarkAllocated", 2, "Allocate", 1, "Free", 2, "Largest", 0, "Touch", 3,
            "Write", 2, "Read", 2);

    /**
     * Reads ITF or TLC's {@code -dumpTrace json}. Anything malformed is an
     * {@link IllegalArgumentException} naming the format, the state and the problem.
     */
    public static SpecTrace parse(String text) {
        boolean tlc = false;
        List<?> states;
        Optional<Config> config;
        try {
            Arguments trace = Arguments.of(Json.parse(text), "a trace");
            tlc = trace.values().containsKey("counterexample");
            Arguments holder = tlc ? trace.object("counterexample") : trace;
            String key = tlc ? "state" : "states";
            if (!holder.values().containsKey(key)) {
                throw new IllegalArgumentException("no \"" + key + "\"");
            }
            states = holder.list(key);
            config = guestramConfig(trace);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((tlc ? "TLC" : "ITF") + ": " + e.getMessage(), e);
        }
        List<Step> steps = new ArrayList<>();
        for (int index = 0; index < states.size(); index++) {
            try {
                // TLC writes each state as [number, {variables}], ITF as {variables} (with "#meta").
                Object state = tlc ? sized(list(states.get(index), "a TLC state"), 2, "a TLC state").get(1) : states.get(index);
                Arguments vars = Arguments.of(plain(state), "a state");
                Arguments last = vars.object("last");
                String op = last.text("op");
                if (!"Init".equals(op)) {
                    steps.add(new Step(index, line(op, last), bytes(vars)));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((tlc ? "TLC" : "ITF") + " state " + index + ": " + e.getMessage(), e);
            }
        }
        return new SpecTrace(tlc ? "TLC" : "ITF", config, steps);
    }

    /** The config that guestram's ITF export writes into {@code #meta}. */
    private static Optional<Config> guestramConfig(Arguments trace) {
        if (!(trace.values().get("#meta") instanceof Map<?, ?> meta) || !meta.containsKey("guestram_config")) {
            return Optional.empty();
        }
        return Optional.of(JsonTrace.parseConfig(meta.get("guestram_config")));
    }

    /**
     * ITF's encodings made plain, so that both formats read alike: {@code {"#bigint": "n"}} becomes
     * a 64-bit value, {@code {"#set": [...]}} and {@code {"#tup": [...]}} lists (TLC writes sets,
     * sequences and tuples as JSON arrays), and {@code #meta} is dropped. The JSON reader bounds the
     * nesting, and with it this recursion.
     */
    private static Object plain(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(SpecTrace::plain).toList();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.containsKey("#bigint")) {
            return bigint(map.get("#bigint"));
        }
        if (map.containsKey("#set")) {
            return plain(list(map.get("#set"), "#set"));
        }
        if (map.containsKey("#tup")) {
            return plain(list(map.get("#tup"), "#tup"));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!"#meta".equals(k)) {
                record.put((String) k, plain(v));
            }
        });
        return record;
    }

    /** An unsigned 64-bit value, or a signed one if negative (a touch's -1). */
    private static long bigint(Object value) {
        if (!(value instanceof String n) || !n.matches("-?[0-9]{1,20}")) {
            throw new IllegalArgumentException("#bigint must be a decimal integer, not \"" + shown(value) + "\"");
        }
        BigInteger b = new BigInteger(n);
        if (b.bitLength() > 64 || (b.signum() < 0 && b.bitLength() > 63)) {
            throw new IllegalArgumentException(n + " is not a 64-bit value");
        }
        return b.longValue();
    }

    private static JsonTrace.Line line(String op, Arguments last) {
        if (!ARITY.containsKey(op)) {
            throw new IllegalArgumentException("unknown op '" + op + "' (the specs have " + new TreeSet<>(ARITY.keySet()) + ")");
        }
        List<?> recorded = last.list("args");
        List<Long> a = numbers(op.equals("Write") && recorded.size() >= 2
                ? sized(recorded, 2 + Math.toIntExact(Math.min(number(recorded.get(1)), Integer.MAX_VALUE - 2)), op + "'s args")
                : sized(recorded, ARITY.get(op), op + "'s args"));
        Call call = switch (op) {
            case "RegisterAt" -> new Call.RegisterAt(a.get(0), a.get(1), false);
            case "Register" -> new Call.Register(a.get(0));
            case "MarkAllocated" -> new Call.MarkAllocated(a.get(0), a.get(1));
            case "Allocate" -> new Call.Allocate(a.get(0));
            case "Free" -> new Call.Free(a.get(0), a.get(1));
            case "Largest" -> new Call.Largest();
            // The specs' touch has its k-th callback return k (k = 0: none stops the walk).
            case "Touch" -> new Call.Touch(a.get(0), a.get(1), callback(a.get(2)), callback(a.get(2)));
            case "Write" -> new Call.Write(a.get(0), bytes(a.subList(2, a.size()), "Write's data"));
            case "Read" -> new Call.Read(a.get(0), callback(a.get(1)));
            default -> throw new AssertionError("an op of ARITY without a call: " + op);
        };
        List<Chunk> chunks = new ArrayList<>();
        for (Object c : last.list("chunks")) {
            List<Long> t = numbers(sized(list(c, "a chunk"), 3, "a chunk"));
            chunks.add(new Chunk(t.get(0), t.get(1), t.get(2)));
        }
        List<Long> ret = numbers(last.list("ret"));
        // A read returns its bytes as the outcome's data, not as values.
        Outcome o = op.equals("Read") ? new Outcome(last.code("code"), List.of(), chunks, bytes(ret, "Read's ret"))
                : new Outcome(last.code("code"), ret, chunks, new byte[0]);
        return new JsonTrace.Line(Action.of(call), o);
    }

    /** Bytes recorded as naturals below 256. */
    private static byte[] bytes(List<Long> values, String what) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            if (values.get(i) < 0 || values.get(i) > 255) {
                throw new IllegalArgumentException(what + ": " + values.get(i) + " is not a byte");
            }
            bytes[i] = (byte) (long) values.get(i);
        }
        return bytes;
    }

    /** The touch's k: the k-th callback returns k, so it is a C int of at least 0. */
    private static int callback(long k) {
        if (k < 0 || k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Touch's third argument " + k + " is not between 0 and 2^31 - 1");
        }
        return (int) k;
    }

    /**
     * The state's bytes: spec/GuestRam.tla's sets, the bytes of spec/GuestRamSel4.tla's entries, or
     * spec/GuestRamRuns.tla's pieces {@code <<first, last, allocated>>} (a set, so in no order).
     */
    private static Optional<Bytes> bytes(Arguments vars) {
        if (vars.values().containsKey("entries")) {
            List<Piece> pieces = new ArrayList<>();
            for (Object e : vars.list("entries")) {
                Arguments entry = Arguments.of(e, "an entry");
                long start = number(entry.values().get("start"));
                long size = number(entry.values().get("size"));
                if (size == 0) {
                    throw new IllegalArgumentException("an entry of size 0 at " + Long.toUnsignedString(start));
                }
                pieces.add(new Piece(start, start + size - 1, entry.bool("allocated")));
            }
            pieces.sort((x, y) -> Long.compareUnsigned(x.first(), y.first()));
            return Optional.of(new Bytes(MemoryMaps.registeredRuns(pieces), MemoryMaps.allocatedRuns(pieces)));
        }
        if (vars.values().containsKey("pieces")) {
            List<Piece> pieces = new ArrayList<>();
            for (Object p : vars.list("pieces")) {
                List<?> t = sized(list(p, "a piece"), 3, "a piece");
                long first = number(t.get(0));
                long last = number(t.get(1));
                if (!(t.get(2) instanceof Boolean allocated)) {
                    throw new IllegalArgumentException("a piece's third element must be a boolean, not " + shown(t.get(2)));
                }
                if (Long.compareUnsigned(first, last) > 0) {
                    throw new IllegalArgumentException("a piece from " + Long.toUnsignedString(first) + " to "
                            + Long.toUnsignedString(last) + " ends before it starts");
                }
                pieces.add(new Piece(first, last, allocated));
            }
            pieces.sort((x, y) -> Long.compareUnsigned(x.first(), y.first()));
            return Optional.of(new Bytes(MemoryMaps.registeredRuns(pieces), MemoryMaps.allocatedRuns(pieces)));
        }
        if (vars.values().containsKey("registered") && vars.values().containsKey("allocated")) {
            return Optional.of(new Bytes(runs(numbers(vars.list("registered"))), runs(numbers(vars.list("allocated")))));
        }
        return Optional.empty();
    }

    /** A set of addresses as maximal runs. */
    private static List<Span> runs(List<Long> addresses) {
        List<Long> sorted = new ArrayList<>(addresses);
        sorted.sort(Long::compareUnsigned);
        List<Span> runs = new ArrayList<>();
        for (long a : sorted) {
            Span open = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (open != null && open.hasNext() && open.last() + 1 == a) {
                runs.set(runs.size() - 1, new Span(open.first(), a));
            } else if (open == null || open.last() != a) {
                runs.add(new Span(a, a));
            }
        }
        return runs;
    }

    private static List<Long> numbers(List<?> list) {
        List<Long> values = new ArrayList<>();
        for (Object v : list) {
            values.add(number(v));
        }
        return values;
    }

    private static long number(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("expected an integer, not " + shown(value));
    }

    private static List<?> list(Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(what + " must be a JSON array, not " + shown(value));
    }

    /** A value as a message shows it: cut short, for a fuzzed file may hold anything. */
    private static String shown(Object value) {
        String text = String.valueOf(value);
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static List<?> sized(List<?> list, int count, String what) {
        if (list.size() != count) {
            throw new IllegalArgumentException(what + " must have " + count + " elements, not " + list.size());
        }
        return list;
    }
}
