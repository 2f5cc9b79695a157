package io.guestram.conformance.report;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.Piece;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.Action;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A behaviour of spec/GuestRam.tla or spec/GuestRamSel4.tla as a model checker writes it: ITF
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

    /** Reads ITF or TLC's {@code -dumpTrace json}; a malformed state is an error naming its index. */
    public static SpecTrace parse(String text) {
        Map<String, Object> trace = object(Json.parse(text));
        boolean tlc = trace.containsKey("counterexample");
        List<?> states = (List<?>) (tlc ? object(trace.get("counterexample")).get("state") : trace.get("states"));
        if (states == null) {
            throw new IllegalArgumentException(tlc ? "a TLC dump without \"state\"" : "an ITF trace without \"states\"");
        }
        List<Step> steps = new ArrayList<>();
        for (int index = 0; index < states.size(); index++) {
            try {
                // TLC writes each state as [number, {variables}], ITF as {variables} (with "#meta").
                Map<String, Object> vars = object(plain(tlc ? ((List<?>) states.get(index)).get(1) : states.get(index)));
                Map<String, Object> last = object(vars.get("last"));
                if (!"Init".equals(last.get("op"))) {
                    steps.add(new Step(index, line(last), bytes(vars)));
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException((tlc ? "TLC" : "ITF") + " state " + index + ": " + e.getMessage(), e);
            }
        }
        return new SpecTrace(tlc ? "TLC" : "ITF", guestramConfig(trace), steps);
    }

    /** The config that guestram's ITF export writes into {@code #meta}. */
    private static Optional<Config> guestramConfig(Map<String, Object> trace) {
        if (!(trace.get("#meta") instanceof Map<?, ?> meta) || !(meta.get("guestram_config") instanceof Map<?, ?> c)) {
            return Optional.empty();
        }
        return Optional.of(JsonTrace.parseConfig(object(c)));
    }

    /**
     * ITF's encodings made plain, so that both formats read alike: {@code {"#bigint": "n"}} becomes
     * a 64-bit value, {@code {"#set": [...]}} and {@code {"#tup": [...]}} lists (TLC writes sets,
     * sequences and tuples as JSON arrays), and {@code #meta} is dropped.
     */
    private static Object plain(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(SpecTrace::plain).toList();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.containsKey("#bigint")) {
            return bigint((String) map.get("#bigint"));
        }
        if (map.containsKey("#set")) {
            return plain(map.get("#set"));
        }
        if (map.containsKey("#tup")) {
            return plain(map.get("#tup"));
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
    private static long bigint(String n) {
        BigInteger b = new BigInteger(n);
        if (b.bitLength() > 64 || (b.signum() < 0 && b.bitLength() > 63)) {
            throw new IllegalArgumentException(n + " is not a 64-bit value");
        }
        return b.longValue();
    }

    private static JsonTrace.Line line(Map<String, Object> last) {
        String op = (String) last.get("op");
        List<Long> a = numbers(last.get("args"));
        Call call = switch (op) {
            case "RegisterAt" -> new Call.RegisterAt(a.get(0), a.get(1), false);
            case "Register" -> new Call.Register(a.get(0));
            case "MarkAllocated" -> new Call.MarkAllocated(a.get(0), a.get(1));
            case "Allocate" -> new Call.Allocate(a.get(0));
            case "Free" -> new Call.Free(a.get(0), a.get(1));
            case "Largest" -> new Call.Largest();
            // The specs' touch has its k-th callback return k (k = 0: none stops the walk).
            case "Touch" -> new Call.Touch(a.get(0), a.get(1), Math.toIntExact(a.get(2)), Math.toIntExact(a.get(2)));
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
        String code = (String) last.get("code");
        List<Chunk> chunks = new ArrayList<>();
        for (Object c : (List<?>) last.get("chunks")) {
            List<Long> t = numbers(c);
            chunks.add(new Chunk(t.get(0), t.get(1), t.get(2)));
        }
        Outcome o = new Outcome("OK".equals(code) ? null : ErrorCode.valueOf(code), numbers(last.get("ret")), chunks, new byte[0]);
        return new JsonTrace.Line(Action.of(call), o);
    }

    /** The state's bytes: spec/GuestRam.tla's sets, or the bytes of spec/GuestRamSel4.tla's entries. */
    private static Optional<Bytes> bytes(Map<String, Object> vars) {
        if (vars.get("entries") instanceof List<?> entries) {
            List<Piece> pieces = new ArrayList<>();
            for (Object e : entries) {
                Map<String, Object> entry = object(e);
                long start = (Long) entry.get("start");
                pieces.add(new Piece(start, start + (Long) entry.get("size") - 1, (Boolean) entry.get("allocated")));
            }
            pieces.sort((x, y) -> Long.compareUnsigned(x.first(), y.first()));
            return Optional.of(new Bytes(MemoryMaps.registeredRuns(pieces), MemoryMaps.allocatedRuns(pieces)));
        }
        if (vars.containsKey("registered") && vars.containsKey("allocated")) {
            return Optional.of(new Bytes(runs(numbers(vars.get("registered"))), runs(numbers(vars.get("allocated")))));
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

    private static List<Long> numbers(Object list) {
        List<Long> values = new ArrayList<>();
        for (Object v : (List<?>) list) {
            if (!(v instanceof Long l)) {
                throw new IllegalArgumentException("expected an integer, got " + v);
            }
            values.add(l);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + value);
        }
        return (Map<String, Object>) value;
    }
}
