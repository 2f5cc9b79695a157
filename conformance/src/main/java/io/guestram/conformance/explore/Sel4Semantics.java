package io.guestram.conformance.explore;

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
 * {@code mapped} (pages mapped into the guest) and the same {@code last} record as the spec
 * profile. The checks restate the sel4 spec's invariants, plus the spec profile's promises that
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
            "Touch", Set.of("OK", "NOT_RAM"));

    private static final Map<String, List<Integer>> ARGS_AND_RETURNS = Map.of(
            "Init", List.of(0, 0), "RegisterAt", List.of(2, 0), "Register", List.of(1, 1),
            "MarkAllocated", List.of(2, 0), "Allocate", List.of(1, 1), "Free", List.of(2, 0),
            "Largest", List.of(0, 2), "Touch", List.of(3, 1));

    private final Config config;
    private final Map<String, StateCheck> invariants;
    private final Map<String, StepCheck> properties;

    Sel4Semantics(Config config) {
        this.config = config;
        this.invariants = Map.of(
                "TypeOK", s -> entries(s).stream().allMatch(e -> e.size() > 0),
                "EntriesSortedAndCollapsed", Sel4Semantics::sortedAndCollapsed,
                "EntriesDisjoint", Sel4Semantics::disjoint,
                "EntriesLieInReservedPages", this::inReservedPages,
                "ErrorsAreSpelledOut", Sel4Semantics::errorsAreSpelledOut,
                "ResultsHaveTheirShape", Sel4Semantics::resultsHaveTheirShape,
                "TouchOfRegisteredRamSucceeds", Sel4Semantics::touchOfRegisteredRamSucceeds);
        this.properties = Map.of(
                "FreeIsANoOp", (b, a) -> !a.op().equals("Free") || model(a).equals(model(b)),
                "RejectedCallKeepsEntries", (b, a) -> a.outcome().isOk() || (entries(a).equals(entries(b))
                        && model(a).reservedPages().equals(model(b).reservedPages())
                        && model(a).mappedPages().equals(model(b).mappedPages())),
                "RegistrationIsPermanent", (b, a) -> bytes(entries(a), null).containsAll(bytes(entries(b), null)),
                "FreeReleasesTheRange", Sel4Semantics::freeReleasesTheRange);
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

    @Override
    public Object successorKey(GuestRam model) {
        return model;
    }

    @Override
    public String canonical(ExploredState s) {
        List<Object> entries = new ArrayList<>();
        for (Entry e : entries(s)) {
            entries.add(Map.of("start", e.start(), "size", e.size(), "allocated", e.allocated()));
        }
        return TlaValues.canonical(Map.of("entries", entries, "bumps", new ArrayList<Object>(model(s).bumpPointers()),
                "reserved", new LinkedHashSet<Object>(pages(model(s).reservedPages())),
                "mapped", new LinkedHashSet<Object>(pages(model(s).mappedPages())),
                "last", LastCall.record(s.call(), s.outcome())));
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

    private static boolean errorsAreSpelledOut(ExploredState s) {
        boolean known = CODES_OF.get(s.op()).contains(s.code());
        boolean bare = s.outcome().isOk() || (s.outcome().values().isEmpty() && s.outcome().chunks().isEmpty()
                && (!s.op().equals("Touch") || s.args().get(2) == 0));
        return known && bare;
    }

    private static boolean resultsHaveTheirShape(ExploredState s) {
        List<Integer> shape = ARGS_AND_RETURNS.get(s.op());
        boolean args = s.args().size() == shape.get(0);
        boolean returns = !s.outcome().isOk() || s.outcome().values().size() == shape.get(1);
        boolean chunks = s.outcome().chunks().isEmpty() || (s.op().equals("Touch") && s.outcome().isOk());
        return args && returns && chunks;
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
