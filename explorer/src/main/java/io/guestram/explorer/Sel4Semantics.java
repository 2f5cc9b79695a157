package io.guestram.explorer;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.model.Sel4Model;
import io.guestram.model.Sel4Model.Entry;
import io.guestram.model.Sel4Model.PageRun;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * spec/GuestRamSel4.tla: libsel4vm's behaviour. The state is what guest_ram.c and the layer
 * beneath it keep: {@code entries} (the sorted, collapsed array of [start, size, allocated]),
 * {@code bumps} (each anonymous window's bump pointer, windows in address order),
 * {@code reserved} (pages reserved by register_at; anonymous windows are reserved implicitly),
 * {@code mapped} (pages mapped into the guest), {@code contents} (the bytes at addresses
 * 0 .. 2 * Limit - 1) and the same {@code last} record as the spec profile. The checks restate the sel4 spec's invariants, plus the spec profile's promises that
 * libsel4vm is known to break (configurations that list them expect a violation).
 */
final class Sel4Semantics implements Semantics {

    private static final Map<String, Set<String>> CODES_OF = Map.of(
            "Init", Set.of("OK"),
            "RegisterAt", Set.of("OK", "INVALID_RANGE", "OVERLAP"),
            "Register", Set.of("OK", "INVALID_RANGE", "NO_SPACE"),
            "MarkAllocated", Set.of("OK"),
            "Allocate", Set.of("OK", "NO_SPACE"),
            "Free", Set.of("OK"),
            "Largest", Set.of("OK", "NO_FREE_REGION"),
            "Touch", Set.of("OK", "NOT_RAM"),
            "Write", Set.of("OK", "NOT_RAM"),
            "Read", Set.of("OK", "NOT_RAM"));

    private final Config config;
    private final int byteValues;
    private final Map<String, StateCheck> invariants;
    private final Map<String, StepCheck> properties;

    Sel4Semantics(Config config, int byteValues) {
        this.config = config;
        this.byteValues = byteValues;
        Map<String, StateCheck> onLast = Map.of(
                "LastIsTyped", Sel4Semantics::lastIsTyped,
                "ErrorsAreSpelledOut", s -> LastCall.errorsAreSpelledOut(s.call(), s.outcome(), CODES_OF),
                "ResultsHaveTheirShape", s -> LastCall.resultsHaveTheirShape(s.call(), s.outcome()),
                "TouchOfRegisteredRamSucceeds", Sel4Semantics::touchOfRegisteredRamSucceeds);
        this.invariants = new java.util.HashMap<>(onLast);
        this.invariants.putAll(Map.of(
                "TypeOK", this::typeOk,
                "EntriesSortedAndCollapsed", Sel4Semantics::sortedAndCollapsed,
                "EntriesDisjoint", Sel4Semantics::disjoint,
                "EntriesLieInReservedPages", this::inReservedPages));
        this.properties = new java.util.HashMap<>(Map.of(
                "FreeIsANoOp", (b, a) -> !a.op().equals("Free") || model(a).equals(model(b)),
                "RejectedCallKeepsEntries", (b, a) -> a.outcome().isOk() || (entries(a).equals(entries(b))
                        && model(a).reservedPages().equals(model(b).reservedPages())
                        && model(a).mappedPages().equals(model(b).mappedPages())),
                "RegistrationIsPermanent", (b, a) -> bytes(entries(a), null).containsAll(bytes(entries(b), null)),
                "OnlyWritesChangeContents", Sel4Semantics::onlyWritesChangeContents,
                "FreeReleasesTheRange", Sel4Semantics::freeReleasesTheRange,
                "WritesStoreTheirData", (b, a) -> writeStoresItsData(a),
                "ReadsReturnWhatWasWritten", (b, a) -> readReturnsContents(a)));
        // With VIEW View TLC checks an invariant on the first state of each view only: the
        // promises about `last` are checked on every step, as the spec's ...OnEveryCall properties.
        onLast.forEach((name, check) -> properties.put(name + "OnEveryCall", (b, a) -> check.holds(a)));
    }

    private boolean typeOk(ExploredState s) {
        boolean bytes = s.size() == contentsLength();
        for (int b = 0; b < s.size(); b++) {
            bytes &= s.byteAt(b) < byteValues;
        }
        return bytes && entries(s).stream().allMatch(e -> e.size() > 0);
    }

    /** The record of the call: a known op and code, naturals for arguments and chunks. */
    private static boolean lastIsTyped(ExploredState s) {
        boolean known = CODES_OF.containsKey(s.op())
                && Set.of("OK", "INVALID_RANGE", "OVERLAP", "NO_SPACE", "NOT_RAM", "NO_FREE_REGION").contains(s.code());
        boolean args = s.args().stream().allMatch(v -> v >= 0);
        boolean chunks = s.outcome().chunks().stream().allMatch(c -> c.guestAddress() >= 0 && c.size() >= 0 && c.offset() >= 0);
        return known && args && chunks;
    }

    /** Only a write changes a byte, and only a byte of an entry. */
    private static boolean onlyWritesChangeContents(ExploredState before, ExploredState after) {
        Set<Long> inEntries = bytes(entries(before), null);
        for (int b = 0; b < after.size(); b++) {
            if (after.byteAt(b) != before.byteAt(b) && !(after.op().equals("Write") && inEntries.contains((long) b))) {
                return false;
            }
        }
        return true;
    }

    /** The spec profile's promise: an accepted write stores its buffer. libsel4vm's ignores the offsets. */
    private static boolean writeStoresItsData(ExploredState s) {
        if (!(s.call() instanceof Call.Write w) || !s.outcome().isOk()) {
            return true;
        }
        byte[] data = w.data();
        for (int i = 0; i < data.length; i++) {
            if (s.byteAt(w.address() + i) != Byte.toUnsignedInt(data[i])) {
                return false;
            }
        }
        return true;
    }

    /** The spec profile's promise: an accepted read returns its range's bytes. libsel4vm's ignores the offsets. */
    private static boolean readReturnsContents(ExploredState s) {
        if (!(s.call() instanceof Call.Read r) || !s.outcome().isOk()) {
            return true;
        }
        List<Long> ret = s.ret();
        for (int i = 0; i < r.size(); i++) {
            if (ret.size() != r.size() || ret.get(i) != s.byteAt(r.address() + i)) {
                return false;
            }
        }
        return true;
    }

    private static Sel4Model model(ExploredState s) {
        return (Sel4Model) s.model();
    }

    private static List<Entry> entries(ExploredState s) {
        return model(s).entries();
    }

    @Override
    public GuestRam initial() {
        return new Sel4Model(config);
    }

    @Override
    public GuestRam copy(GuestRam model) {
        return ((Sel4Model) model).copy();
    }

    /** Entries may reach 2 * Limit - 1: register_at(s, n) with s and n up to Limit. */
    @Override
    public int contentsLength() {
        return Math.toIntExact(2 * (config.lastAddress() + 1));
    }

    @Override
    public String canonical(ExploredState s, boolean withLast) {
        List<Object> entries = new ArrayList<>();
        for (Entry e : entries(s)) {
            entries.add(Map.of("start", e.start(), "size", e.size(), "allocated", e.allocated()));
        }
        Map<String, Object> vars = new java.util.LinkedHashMap<>();
        vars.put("entries", entries);
        vars.put("bumps", new ArrayList<Object>(model(s).bumpPointers()));
        vars.put("reserved", new LinkedHashSet<Object>(pages(model(s).reservedPages())));
        vars.put("mapped", new LinkedHashSet<Object>(pages(model(s).mappedPages())));
        vars.put("contents", SpecState.bytes(s.contents()));
        if (withLast) {
            vars.put("last", LastCall.record(s.call(), s.outcome()));
        }
        return TlaValues.canonical(vars);
    }

    @Override
    public Optional<StateCheck> invariant(String name) {
        return Optional.ofNullable(invariants.get(name));
    }

    @Override
    public Optional<StepCheck> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    private static boolean sortedAndCollapsed(ExploredState s) {
        List<Entry> es = entries(s);
        for (int i = 1; i < es.size(); i++) {
            Entry a = es.get(i - 1);
            Entry b = es.get(i);
            if (a.start() >= b.start() || (a.allocated() == b.allocated() && a.start() + a.size() == b.start())) {
                return false;
            }
        }
        return true;
    }

    private static boolean disjoint(ExploredState s) {
        List<Entry> es = entries(s);
        for (int i = 1; i < es.size(); i++) {
            if (es.get(i - 1).start() + es.get(i - 1).size() > es.get(i).start()) {
                return false;
            }
        }
        return true;
    }

    private boolean inReservedPages(ExploredState s) {
        long p = config.pageSize();
        Set<Long> reserved = pages(model(s).reservedPages());
        for (long b : bytes(entries(s), null)) {
            long page = b - b % p;
            boolean windowed = config.windows().stream().anyMatch(w -> inWindow(w, page, p));
            if (!windowed && !reserved.contains(page)) {
                return false;
            }
        }
        return true;
    }

    /** Every page of the runs: the explorer's states are small, and TLC's sets list pages one by one. */
    private Set<Long> pages(List<PageRun> runs) {
        Set<Long> pages = new LinkedHashSet<>();
        for (PageRun run : runs) {
            for (long page = run.firstPage(); page <= run.lastPage(); page += config.pageSize()) {
                pages.add(page);
            }
        }
        return pages;
    }

    private static boolean inWindow(Window w, long page, long pageSize) {
        return w.first() <= page + pageSize - 1 && page <= w.last();
    }

    /** The spec profile's promise: a touch of registered bytes succeeds. libsel4vm breaks it. */
    private static boolean touchOfRegisteredRamSucceeds(ExploredState s) {
        if (!(s.call() instanceof Call.Touch t) || t.size() == 0 || t.stopAt() != 0) {
            return true;
        }
        Set<Long> registered = bytes(entries(s), null);
        for (long a = t.address(); a < t.address() + t.size(); a++) {
            if (!registered.contains(a)) {
                return true;
            }
        }
        return s.outcome().isOk() && s.outcome().values().equals(List.of(0L));
    }

    /** The spec profile's promise: freeing allocated bytes makes them free. libsel4vm's free does nothing. */
    private static boolean freeReleasesTheRange(ExploredState before, ExploredState after) {
        if (!(after.call() instanceof Call.Free f) || f.size() == 0) {
            return true;
        }
        Set<Long> allocatedBefore = bytes(entries(before), true);
        Set<Long> allocatedAfter = bytes(entries(after), true);
        for (long a = f.start(); a < f.start() + f.size(); a++) {
            if (!allocatedBefore.contains(a)) {
                return true;
            }
        }
        for (long a = f.start(); a < f.start() + f.size(); a++) {
            if (allocatedAfter.contains(a)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of the entries, all of them ({@code allocated} null) or those of one kind. */
    private static Set<Long> bytes(List<Entry> entries, Boolean allocated) {
        Set<Long> bytes = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (allocated == null || e.allocated() == allocated) {
                for (long a = e.start(); a < e.start() + e.size(); a++) {
                    bytes.add(a);
                }
            }
        }
        return bytes;
    }
}
