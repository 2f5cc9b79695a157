package io.guestram.conformance.report;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.Arguments;
import io.guestram.model.Models;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The Informal Trace Format (ITF) of Apalache and Quint for the states of spec/GuestRam.tla:
 * {@code registered} and {@code allocated} as {@code {"#set": [{"#bigint": "n"}, ...]}},
 * {@code last} as a record whose {@code args} and {@code ret} are sequences of bigints and whose
 * {@code chunks} are sequences of {@code {"#tup": [address, size, offset]}}. State 0 is Init; state
 * i is the state after call i. Only the calls of the spec (not read/write) have a state; sets are
 * enumerated byte by byte, so export is for small address spaces (the MC configurations).
 */
public final class Itf {

    /** Byte sets larger than this are refused. */
    private static final long MAX_SET = 1L << 20;

    /** The number of arguments of each of the spec's actions. */
    private static final Map<String, Integer> ARITY = Map.of(
            "RegisterAt", 2, "Register", 1, "MarkAllocated", 2, "Allocate", 1, "Free", 2, "Largest", 0, "Touch", 3);

    private Itf() {}

    /** The ITF trace of {@code calls} with their {@code outcomes} from {@code config}'s initial state. */
    public static String export(Config config, List<Call> calls, List<Outcome> outcomes) {
        if (calls.size() != outcomes.size()) {
            throw new IllegalArgumentException(calls.size() + " calls but " + outcomes.size() + " outcomes");
        }
        GuestRam ram = Models.reference(config);
        StringBuilder s = new StringBuilder("{\"#meta\":{\"format\":\"ITF\",\"source\":\"spec/GuestRam.tla\",")
                .append("\"description\":\"guestram trace, profile ").append(config.profile().label()).append("\"},")
                .append("\"vars\":[\"registered\",\"allocated\",\"last\"],\"states\":[\n");
        s.append(state(0, ram, "Init", List.of(), Outcome.ok(), List.of()));
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            call.apply(ram);
            s.append(",\n").append(state(i + 1, ram, call.op(), args(call), outcomes.get(i), ret(call, outcomes.get(i))));
        }
        return s.append("\n]}\n").toString();
    }

    private static List<String> args(Call call) {
        if (call instanceof Call.RegisterAt c) {
            return List.of(u(c.start()), u(c.size()));
        } else if (call instanceof Call.Register c) {
            return List.of(u(c.size()));
        } else if (call instanceof Call.MarkAllocated c) {
            return List.of(u(c.start()), u(c.size()));
        } else if (call instanceof Call.Allocate c) {
            return List.of(u(c.size()));
        } else if (call instanceof Call.Free c) {
            return List.of(u(c.start()), u(c.size()));
        } else if (call instanceof Call.Largest) {
            return List.of();
        } else if (call instanceof Call.Touch c) {
            if (c.stopAt() != c.stopValue()) {
                throw new IllegalArgumentException("the spec's touch has callback k return k: " + call);
            }
            return List.of(u(c.address()), u(c.size()), Long.toString(c.stopAt()));
        }
        throw new IllegalArgumentException("spec/GuestRam.tla has no " + call.op());
    }

    private static List<String> ret(Call call, Outcome o) {
        List<String> ret = new ArrayList<>();
        for (long v : o.values()) {
            ret.add(call instanceof Call.Touch ? Long.toString(v) : u(v));
        }
        return ret;
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static String big(String n) {
        return "{\"#bigint\":\"" + n + "\"}";
    }

    private static String state(int index, GuestRam ram, String op, List<String> args, Outcome o, List<String> ret) {
        StringBuilder registered = new StringBuilder();
        StringBuilder allocated = new StringBuilder();
        long total = 0;
        for (Piece p : ram.memoryMap()) {
            total += p.size();
            if (p.size() == 0 || Long.compareUnsigned(total, MAX_SET) > 0) {
                throw new IllegalArgumentException("ITF sets are enumerated: more than " + MAX_SET + " registered bytes");
            }
            for (long b = p.first(); ; b++) {
                registered.append(registered.length() == 0 ? "" : ",").append(big(u(b)));
                if (p.allocated()) {
                    allocated.append(allocated.length() == 0 ? "" : ",").append(big(u(b)));
                }
                if (b == p.last()) {
                    break;
                }
            }
        }
        StringBuilder chunks = new StringBuilder();
        for (Chunk c : o.chunks()) {
            chunks.append(chunks.length() == 0 ? "" : ",").append("{\"#tup\":[").append(big(u(c.guestAddress()))).append(',')
                    .append(big(u(c.size()))).append(',').append(big(u(c.offset()))).append("]}");
        }
        return "{\"#meta\":{\"index\":" + index + "},\"registered\":{\"#set\":[" + registered + "]},\"allocated\":{\"#set\":["
                + allocated + "]},\"last\":{\"op\":" + Json.quote(op) + ",\"args\":" + seq(args) + ",\"code\":"
                + Json.quote(o.isOk() ? "OK" : o.error().name()) + ",\"ret\":" + seq(ret) + ",\"chunks\":[" + chunks + "]}}";
    }

    private static String seq(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        values.forEach(v -> s.append(s.length() == 1 ? "" : ",").append(big(v)));
        return s.append(']').toString();
    }

    /**
     * Reads an ITF trace of spec/GuestRam.tla: each state's {@code last} after Init as a call and its
     * result. Anything else is an {@link IllegalArgumentException} naming the state.
     */
    public static List<JsonTrace.Line> parse(String text) {
        List<?> states;
        try {
            Arguments trace = Arguments.of(Json.parse(text), "an ITF trace");
            if (!trace.values().containsKey("states")) {
                throw new IllegalArgumentException("no \"states\"");
            }
            states = trace.list("states");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ITF: " + e.getMessage(), e);
        }
        List<JsonTrace.Line> lines = new ArrayList<>();
        for (int index = 0; index < states.size(); index++) {
            try {
                Arguments last = Arguments.of(states.get(index), "a state").object("last");
                String op = last.text("op");
                if (!"Init".equals(op)) {
                    lines.add(line(op, last));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ITF state " + index + ": " + e.getMessage(), e);
            }
        }
        return lines;
    }

    private static JsonTrace.Line line(String op, Arguments last) {
        if (!ARITY.containsKey(op)) {
            throw new IllegalArgumentException("unknown op '" + op + "' (spec/GuestRam.tla has " + new TreeSet<>(ARITY.keySet()) + ")");
        }
        List<Long> a = numbers(sized(last.list("args"), ARITY.get(op), op + "'s args"));
        Call call = switch (op) {
            case "RegisterAt" -> new Call.RegisterAt(a.get(0), a.get(1), false);
            case "Register" -> new Call.Register(a.get(0));
            case "MarkAllocated" -> new Call.MarkAllocated(a.get(0), a.get(1));
            case "Allocate" -> new Call.Allocate(a.get(0));
            case "Free" -> new Call.Free(a.get(0), a.get(1));
            case "Largest" -> new Call.Largest();
            case "Touch" -> new Call.Touch(a.get(0), a.get(1), callback(a.get(2)), callback(a.get(2)));
            default -> throw new AssertionError("an op of ARITY without a call: " + op);
        };
        List<Chunk> chunks = new ArrayList<>();
        for (Object c : last.list("chunks")) {
            List<Long> t = numbers(sized(Arguments.of(c, "a chunk").list("#tup"), 3, "a chunk's #tup"));
            chunks.add(new Chunk(t.get(0), t.get(1), t.get(2)));
        }
        return new JsonTrace.Line(Action.of(call), new Outcome(last.code("code"), numbers(last.list("ret")), chunks, new byte[0]));
    }

    /** The touch's k: the k-th callback returns k, so it is a C int of at least 0. */
    private static int callback(long k) {
        if (k < 0 || k > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Touch's third argument " + k + " is not between 0 and 2^31 - 1");
        }
        return (int) k;
    }

    private static List<?> sized(List<?> list, int count, String what) {
        if (list.size() != count) {
            throw new IllegalArgumentException(what + " must have " + count + " elements, not " + list.size());
        }
        return list;
    }

    private static List<Long> numbers(List<?> list) {
        List<Long> values = new ArrayList<>();
        for (Object v : list) {
            values.add(number(v));
        }
        return values;
    }

    /** {@code {"#bigint": "n"}} or a plain JSON integer, as an unsigned (or, if negative, signed) 64-bit value. */
    private static long number(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        String n = Arguments.of(v, "an integer").text("#bigint");
        if (!n.matches("-?[0-9]{1,20}")) {
            throw new IllegalArgumentException("#bigint must be a decimal integer, not \"" + shortened(n) + "\"");
        }
        BigInteger b = new BigInteger(n);
        if (b.bitLength() > 64 || (b.signum() < 0 && b.bitLength() > 63)) {
            throw new IllegalArgumentException(n + " is not a 64-bit value");
        }
        return b.longValue();
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** An ITF trace as a trace of docs/trace-format.md under {@code config}: the config line, then one line per call. */
    public static String toJsonLines(Config config, String itf) {
        StringBuilder s = new StringBuilder(JsonTrace.configLine(config)).append('\n');
        for (JsonTrace.Line line : parse(itf)) {
            s.append(JsonTrace.line(line.action(), line.expect())).append('\n');
        }
        return s.toString();
    }
}
