package io.guestram.conformance.report;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.explorer.Json;
import io.guestram.model.Models;
import io.guestram.model.Sel4Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The Informal Trace Format (ITF) of Apalache and Quint for the states of spec/GuestRam.tla
 * (profile spec: {@code registered} and {@code allocated}) or spec/GuestRamSel4.tla (profile
 * sel4: {@code entries}, {@code bumps}, {@code reserved} and {@code mapped}), each with
 * {@code last}: a record whose {@code args} and {@code ret} are sequences of bigints and whose
 * {@code chunks} are sequences of {@code {"#tup": [address, size, offset]}}. Sets are
 * {@code {"#set": [...]}}, numbers {@code {"#bigint": "n"}}. State 0 is Init; state i is the
 * model's state after call i, with the call's recorded result in {@code last}. {@code #meta}
 * carries the guestram configuration, so that the file replays on its own. Only the calls of the
 * specs (not read/write) have a state; sets are enumerated element by element, so export is for
 * small address spaces (the MC configurations). Reading is {@link SpecTrace}'s.
 */
public final class Itf {

    /** Sets larger than this are refused. */
    private static final long MAX_SET = 1L << 20;

    private Itf() {}

    /** The ITF trace of {@code calls} with their {@code outcomes} from {@code config}'s initial state. */
    public static String export(Config config, List<Call> calls, List<Outcome> outcomes) {
        if (calls.size() != outcomes.size()) {
            throw new IllegalArgumentException(calls.size() + " calls but " + outcomes.size() + " outcomes");
        }
        GuestRam ram = Models.reference(config);
        boolean sel4 = config.profile() == Profile.SEL4;
        StringBuilder s = new StringBuilder("{\"#meta\":{\"format\":\"ITF\",\"source\":")
                .append(Json.quote(sel4 ? "spec/GuestRamSel4.tla" : "spec/GuestRam.tla"))
                .append(",\"description\":\"guestram trace, profile ").append(config.profile().label()).append('"')
                .append(",\"guestram_config\":").append(JsonTrace.configObject(config)).append("},")
                .append(sel4 ? "\"vars\":[\"entries\",\"bumps\",\"reserved\",\"mapped\",\"last\"]"
                        : "\"vars\":[\"registered\",\"allocated\",\"last\"]")
                .append(",\"states\":[\n");
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
        throw new IllegalArgumentException("the specs have no " + call.op());
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
        StringBuilder chunks = new StringBuilder();
        for (Chunk c : o.chunks()) {
            chunks.append(chunks.length() == 0 ? "" : ",").append("{\"#tup\":[").append(big(u(c.guestAddress()))).append(',')
                    .append(big(u(c.size()))).append(',').append(big(u(c.offset()))).append("]}");
        }
        String variables = ram instanceof Sel4Model sel4 ? sel4Variables(sel4) : specVariables(ram.memoryMap());
        return "{\"#meta\":{\"index\":" + index + "}," + variables + ",\"last\":{\"op\":" + Json.quote(op)
                + ",\"args\":" + seq(args) + ",\"code\":" + Json.quote(o.isOk() ? "OK" : o.error().name())
                + ",\"ret\":" + seq(ret) + ",\"chunks\":[" + chunks + "]}}";
    }

    /** spec/GuestRam.tla's byte sets R and A. */
    private static String specVariables(List<Piece> map) {
        List<Long> registered = new ArrayList<>();
        List<Long> allocated = new ArrayList<>();
        for (Piece p : map) {
            for (long b = p.first(); ; b++) {
                add(registered, b);
                if (p.allocated()) {
                    allocated.add(b);
                }
                if (b == p.last()) {
                    break;
                }
            }
        }
        return "\"registered\":" + set(registered) + ",\"allocated\":" + set(allocated);
    }

    /** spec/GuestRamSel4.tla's variables: the C array, the bump pointers and the page sets. */
    private static String sel4Variables(Sel4Model ram) {
        StringBuilder entries = new StringBuilder("[");
        for (Sel4Model.Entry e : ram.entries()) {
            entries.append(entries.length() == 1 ? "" : ",").append("{\"start\":").append(big(u(e.start())))
                    .append(",\"size\":").append(big(u(e.size()))).append(",\"allocated\":").append(e.allocated()).append('}');
        }
        List<String> bumps = ram.bumpPointers().stream().map(Itf::u).toList();
        return "\"entries\":" + entries + "],\"bumps\":" + seq(bumps)
                + ",\"reserved\":" + set(pages(ram, ram.reservedPages())) + ",\"mapped\":" + set(pages(ram, ram.mappedPages()));
    }

    private static List<Long> pages(Sel4Model ram, List<Sel4Model.PageRun> runs) {
        List<Long> pages = new ArrayList<>();
        for (Sel4Model.PageRun run : runs) {
            for (long page = run.firstPage(); ; page += ram.config().pageSize()) {
                add(pages, page);
                if (page == run.lastPage()) {
                    break;
                }
            }
        }
        return pages;
    }

    private static void add(List<Long> set, long element) {
        if (set.size() >= MAX_SET) {
            throw new IllegalArgumentException("ITF sets are enumerated: more than " + MAX_SET + " elements");
        }
        set.add(element);
    }

    private static String set(List<Long> elements) {
        return "{\"#set\":" + seq(elements.stream().map(Itf::u).toList()) + "}";
    }

    private static String seq(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        values.forEach(v -> s.append(s.length() == 1 ? "" : ",").append(big(v)));
        return s.append(']').toString();
    }
}
