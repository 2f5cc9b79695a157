package io.guestram.explorer;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.Window;
import io.guestram.call.Call;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The invariants and action properties of spec/GuestRam.tla, restated by brute force over the
 * addresses of a small configuration and independent of the reference model's code, so that the
 * explorer checks the model against the spec rather than against itself. Each check is named as
 * in the spec; a .cfg may list only names that appear here.
 */
final class SpecChecks {

    private final Config config;
    private final int limit;
    private final int byteValues;
    private final Map<String, Predicate<SpecState>> invariants;
    private final Map<String, BiPredicate<SpecState, SpecState>> properties;

    SpecChecks(Config config, int byteValues) {
        this.config = config;
        this.limit = Math.toIntExact(config.lastAddress() + 1);
        this.byteValues = byteValues;
        Map<String, Predicate<SpecState>> onLast = Map.of(
                "LastIsTyped", s -> lastIsTyped(s),
                "LargestFreeIsMaximal", s -> largestFreeIsMaximal(s),
                "TouchChunksPartitionRange", s -> touchChunksPartitionRange(s),
                "ErrorsAreSpelledOut", s -> LastCall.errorsAreSpelledOut(s.call(), s.outcome(), CODES_OF),
                "ResultsHaveTheirShape", s -> LastCall.resultsHaveTheirShape(s.call(), s.outcome()));
        this.invariants = new java.util.HashMap<>(onLast);
        this.invariants.putAll(Map.of(
                "TypeOK", s -> typeOk(s),
                "AllocatedIsRegistered", s -> (s.allocated() & ~s.registered()) == 0,
                "UnregisteredBytesAreZero", s -> unregisteredBytesAreZero(s)));
        this.properties = new java.util.HashMap<>(Map.of(
                "ResultsFollowTable", this::resultFollowsTable,
                "RejectedCallChangesNothing", (b, a) -> a.outcome().isOk() || (a.registered() == b.registered()
                        && a.allocated() == b.allocated() && java.util.Arrays.equals(a.contents(), b.contents())),
                "RegistrationIsPermanent", (b, a) -> (b.registered() & ~a.registered()) == 0,
                "OnlyWritesChangeContents", (b, a) -> (a.op().equals("Write") && a.outcome().isOk())
                        || java.util.Arrays.equals(a.contents(), b.contents()),
                "ReadsReturnWhatWasWritten", (b, a) -> readReturnsContents(a)));
        // With VIEW View TLC checks an invariant on the first state of each view only: the
        // promises about `last` are checked on every step, as the spec's ...OnEveryCall properties.
        onLast.forEach((name, check) -> properties.put(name + "OnEveryCall", (b, a) -> check.test(a)));
    }

    Optional<Predicate<SpecState>> invariant(String name) {
        return Optional.ofNullable(invariants.get(name));
    }

    Optional<BiPredicate<SpecState, SpecState>> property(String name) {
        return Optional.ofNullable(properties.get(name));
    }

    private long all() {
        return SpecState.Bits.range(0, limit);
    }

    private boolean typeOk(SpecState s) {
        boolean inSpace = (s.registered() & ~all()) == 0 && (s.allocated() & ~all()) == 0;
        boolean bytes = s.contents().length == limit;
        for (int b = 0; b < s.contents().length; b++) {
            bytes &= s.byteAt(b) < byteValues;
        }
        return inSpace && bytes;
    }

    /** The spec's LastIsTyped: a known op and code, arguments, values and chunks in their domains. */
    private boolean lastIsTyped(SpecState s) {
        boolean known = CODES_OF.containsKey(s.op()) && (s.outcome().isOk() || ERROR_CODES.contains(s.code()));
        boolean args = s.args().stream().allMatch(v -> v >= 0 && v <= Math.max(limit, byteValues - 1));
        boolean ret = s.ret().stream().allMatch(v -> v >= 0 && v <= Math.max(limit, byteValues - 1));
        boolean chunks = s.outcome().chunks().stream().allMatch(c -> c.guestAddress() >= 0 && c.guestAddress() < limit
                && c.size() >= 0 && c.size() <= limit && c.offset() >= 0 && c.offset() < limit);
        return known && args && ret && chunks;
    }

    private static final Set<String> ERROR_CODES = Set.of("INVALID_RANGE", "OVERLAP", "NO_SPACE", "NOT_RAM",
            "ALREADY_ALLOCATED", "NOT_ALLOCATED", "NO_FREE_REGION");

    private boolean unregisteredBytesAreZero(SpecState s) {
        for (int b = 0; b < limit; b++) {
            if (!has(s.registered(), b) && s.byteAt(b) != 0) {
                return false;
            }
        }
        return true;
    }

    /** An accepted read returns the bytes at its range, in order. */
    private static boolean readReturnsContents(SpecState s) {
        if (!(s.call() instanceof io.guestram.call.Call.Read r) || !s.outcome().isOk()) {
            return true;
        }
        List<Long> ret = s.ret();
        if (ret.size() != r.size()) {
            return false;
        }
        for (int i = 0; i < r.size(); i++) {
            if (ret.get(i) != s.byteAt(r.address() + i)) {
                return false;
            }
        }
        return true;
    }

    /** The codes each call may report, as the spec's CodesOf. */
    private static final Map<String, Set<String>> CODES_OF = Map.of(
            "Init", Set.of("OK"),
            "RegisterAt", Set.of("OK", "INVALID_RANGE", "OVERLAP"),
            "Register", Set.of("OK", "INVALID_RANGE", "NO_SPACE"),
            "MarkAllocated", Set.of("OK", "INVALID_RANGE", "NOT_RAM", "ALREADY_ALLOCATED"),
            "Allocate", Set.of("OK", "INVALID_RANGE", "NO_SPACE"),
            "Free", Set.of("OK", "INVALID_RANGE", "NOT_ALLOCATED"),
            "Largest", Set.of("OK", "NO_FREE_REGION"),
            "Touch", Set.of("OK", "INVALID_RANGE", "NOT_RAM"),
            "Write", Set.of("OK", "INVALID_RANGE", "NOT_RAM"),
            "Read", Set.of("OK", "INVALID_RANGE", "NOT_RAM"));

    private long free(SpecState s) {
        return s.registered() & ~s.allocated();
    }

    private static boolean has(long mask, long address) {
        return address >= 0 && address < 63 && (mask & (1L << address)) != 0;
    }

    /** The length of the free run starting at {@code start} (0 if {@code start} is not free). */
    private int runFrom(long freeMask, int start) {
        int n = 0;
        while (start + n < limit && has(freeMask, start + n)) {
            n++;
        }
        return n;
    }

    private boolean largestFreeIsMaximal(SpecState s) {
        if (!s.op().equals("Largest") || !s.outcome().isOk()) {
            return true;
        }
        long freeMask = free(s);
        int start = Math.toIntExact(s.outcome().values().get(0));
        long size = s.outcome().values().get(1);
        boolean maximal = !has(freeMask, start - 1) && runFrom(freeMask, start) == size;
        for (int a = 0; a < limit; a++) {
            boolean runStart = has(freeMask, a) && !has(freeMask, a - 1);
            int len = runStart ? runFrom(freeMask, a) : 0;
            if (len > size || (len == size && a < start)) {
                return false;
            }
        }
        return maximal;
    }

    private boolean touchChunksPartitionRange(SpecState s) {
        if (!s.op().equals("Touch") || !s.outcome().isOk()) {
            return true;
        }
        List<Long> args = s.args();
        long address = args.get(0);
        long size = args.get(1);
        long stop = args.get(2);
        List<Chunk> chunks = s.outcome().chunks();
        long p = config.pageSize();
        long cursor = address;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            boolean contiguous = c.guestAddress() == cursor && c.offset() == cursor - address && c.size() > 0;
            boolean onePage = c.guestAddress() / p == (c.guestAddress() + c.size() - 1) / p;
            boolean alignedIfNotFirst = i == 0 || c.guestAddress() % p == 0;
            boolean fullPageOrEnd = (c.guestAddress() + c.size()) % p == 0 || c.guestAddress() + c.size() == address + size;
            if (!contiguous || !onePage || !alignedIfNotFirst || !fullPageOrEnd) {
                return false;
            }
            cursor += c.size();
        }
        long returned = s.outcome().values().get(0);
        return stop == 0 ? cursor == address + size && returned == 0 : chunks.size() == stop && returned == stop;
    }

    private boolean resultFollowsTable(SpecState before, SpecState after) {
        Expected e = expected(before, after.call());
        boolean codeOk = e.code == null ? after.outcome().isOk() : e.code == after.outcome().error();
        if (!codeOk) {
            return false;
        }
        byte[] contents = e.contents == null ? before.contents() : e.contents;
        boolean same = java.util.Arrays.equals(after.contents(), e.code != null ? before.contents() : contents);
        if (e.code != null) {
            return same && after.registered() == before.registered() && after.allocated() == before.allocated();
        }
        boolean valuesOk = e.values == null || e.values.equals(after.ret());
        return same && valuesOk && after.registered() == e.registered && after.allocated() == e.allocated;
    }

    /**
     * What the table says a call does from {@code s}: an error, or the next sets, returned values
     * and (a write) next contents.
     */
    private record Expected(ErrorCode code, long registered, long allocated, List<Long> values, byte[] contents) {
        Expected(ErrorCode code, long registered, long allocated, List<Long> values) {
            this(code, registered, allocated, values, null);
        }

        static Expected error(ErrorCode code) {
            return new Expected(code, 0, 0, null);
        }
    }

    private Expected expected(SpecState s, Call call) {
        long r = s.registered();
        long a = s.allocated();
        if (call instanceof Call.RegisterAt c) {
            if (!valid(c.start(), c.size())) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            long m = mask(c.start(), c.size());
            return (m & r) != 0 ? Expected.error(ErrorCode.OVERLAP) : new Expected(null, r | m, a, List.of());
        } else if (call instanceof Call.Register c) {
            if (c.size() == 0) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            for (long at = 0; at < limit; at += config.pageSize()) {
                if (insideOneWindow(at, c.size()) && (mask(at, c.size()) & r) == 0) {
                    return new Expected(null, r | mask(at, c.size()), a, List.of(at));
                }
            }
            return Expected.error(ErrorCode.NO_SPACE);
        } else if (call instanceof Call.MarkAllocated c) {
            if (!valid(c.start(), c.size())) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            long m = mask(c.start(), c.size());
            if ((m & ~r) != 0) {
                return Expected.error(ErrorCode.NOT_RAM);
            }
            return (m & a) != 0 ? Expected.error(ErrorCode.ALREADY_ALLOCATED) : new Expected(null, r, a | m, List.of());
        } else if (call instanceof Call.Allocate c) {
            if (c.size() == 0) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            for (long at = 0; valid(at, c.size()); at++) {
                long m = mask(at, c.size());
                if ((m & ~(r & ~a)) == 0) {
                    return new Expected(null, r, a | m, List.of(at));
                }
            }
            return Expected.error(ErrorCode.NO_SPACE);
        } else if (call instanceof Call.Free c) {
            if (!valid(c.start(), c.size())) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            long m = mask(c.start(), c.size());
            return (m & ~a) != 0 ? Expected.error(ErrorCode.NOT_ALLOCATED) : new Expected(null, r, a & ~m, List.of());
        } else if (call instanceof Call.Largest) {
            return free(s) == 0 ? Expected.error(ErrorCode.NO_FREE_REGION) : new Expected(null, r, a, null);
        } else if (call instanceof Call.Touch c) {
            if (!valid(c.address(), c.size())) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            boolean ram = (mask(c.address(), c.size()) & ~r) == 0;
            return ram ? new Expected(null, r, a, List.of((long) c.stopAt())) : Expected.error(ErrorCode.NOT_RAM);
        } else if (call instanceof Call.Write c) {
            byte[] data = c.data();
            if (!valid(c.address(), data.length)) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            if ((mask(c.address(), data.length) & ~r) != 0) {
                return Expected.error(ErrorCode.NOT_RAM);
            }
            byte[] next = s.contents();
            System.arraycopy(data, 0, next, (int) c.address(), data.length);
            return new Expected(null, r, a, List.of(), next);
        } else if (call instanceof Call.Read c) {
            if (!valid(c.address(), c.size())) {
                return Expected.error(ErrorCode.INVALID_RANGE);
            }
            if ((mask(c.address(), c.size()) & ~r) != 0) {
                return Expected.error(ErrorCode.NOT_RAM);
            }
            List<Long> bytes = new java.util.ArrayList<>();
            for (int i = 0; i < c.size(); i++) {
                bytes.add((long) s.byteAt(c.address() + i));
            }
            return new Expected(null, r, a, bytes);
        }
        throw new IllegalArgumentException(call.name() + " is not a spec action");
    }

    private boolean valid(long start, long size) {
        return size > 0 && start + size <= limit;
    }

    private long mask(long start, long size) {
        return SpecState.Bits.range(start, size);
    }

    private boolean insideOneWindow(long start, long size) {
        for (Window w : config.windows()) {
            if (w.first() <= start && start + size - 1 <= w.last()) {
                return true;
            }
        }
        return false;
    }
}
