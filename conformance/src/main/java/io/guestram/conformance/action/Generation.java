package io.guestram.conformance.action;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a generator may look at: the randomness, the configuration, the model's memory map
 * before the step and the current phase. The derived runs are computed once per step, lazily.
 */
public final class Generation {

    private final SplittableRandom random;
    private final Config config;
    private final List<Piece> map;
    private final Phase phase;
    private List<Span> freeRuns;
    private List<Span> registeredRuns;
    private List<Span> allocatedRuns;

    public Generation(SplittableRandom random, Config config, List<Piece> map, Phase phase) {
        this.random = random;
        this.config = config;
        this.map = map;
        this.phase = phase;
    }

    public Config config() {
        return config;
    }

    public long page() {
        return config.pageSize();
    }

    public long lastAddress() {
        return config.lastAddress();
    }

    /**
     * The largest power of two a registration size is drawn from: 2^40 bytes under spec, 2^63
     * under sel4, whose model takes any size (its pages are runs) and whose quirks live at the
     * far end of the unsigned range (size rounding, the underflowing fit); on a machine
     * ({@link #onMachine}) 2^30, the guest RAM real VMMs register (128 MiB to 1900 MiB in
     * camkes-vm), which every page of a real vspace backs with a frame.
     */
    public int maxRegistrationLog2() {
        return onMachine() ? MACHINE_REGISTRATION_LOG2 : config.profile() == Profile.SEL4 ? 63 : 40;
    }

    /** Registrations on a machine are drawn up to 2^30 bytes, and none is larger. */
    public static final int MACHINE_REGISTRATION_LOG2 = 30;

    private static final long MACHINE_REGISTRATION = 1L << MACHINE_REGISTRATION_LOG2;

    /**
     * Whether the configuration describes a machine: profile sel4 with a limit below 2^64. The
     * limit has no counterpart in libsel4vm, so under sel4 it says what a VMM passes: no range
     * of a call reaches past it (nothing wraps past 2^64), and registrations are of real sizes.
     * That is what a 48-bit machine (aarch64, x86_64, whose sel4utils vspaces index 48 address
     * bits) can be checked on; the profile's 2^64 edges need the limit 2^64.
     */
    public boolean onMachine() {
        return config.profile() == Profile.SEL4 && config.lastAddress() != U64.MAX;
    }

    /**
     * {@code action} on a machine: every range it names inside the limit, no registration larger
     * than 2^30 bytes (every page of one takes a frame on a real system); unchanged otherwise.
     */
    Action confined(Action action) {
        if (!onMachine()) {
            return action;
        }
        if (action instanceof RegisterAtAction r) {
            // Larger than a machine registers: the generator meant an invalid range; size 0 is the one left.
            long size = U64.lessThan(MACHINE_REGISTRATION, r.size()) ? 0 : r.size();
            long start = inside(r.start());
            return new RegisterAtAction(start, clip(start, size), r.untyped());
        }
        if (action instanceof RangeAction r) {
            long start = inside(r.start());
            return r.with(start, clip(start, r.size()));
        }
        if (action instanceof TouchAction t) {
            long start = inside(t.address());
            return new TouchAction(start, clip(start, t.size()), t.stopAt(), t.stopValue());
        }
        if (action instanceof ReadAction r) {
            int size = (int) U64.min(r.size(), config.lastAddress() + 1);
            return new ReadAction(below(r.address(), size), size);
        }
        if (action instanceof WriteAction w) {
            long bytes = w.data().length() / 2;
            boolean tooLong = bytes > 0 && U64.lessThan(config.lastAddress(), bytes - 1);
            String data = tooLong ? w.data().substring(0, (int) (2 * (config.lastAddress() + 1))) : w.data();
            return new WriteAction(below(w.address(), data.length() / 2), data);
        }
        if (action instanceof RegisterAction r) {
            return new RegisterAction(U64.min(r.size(), U64.min(MACHINE_REGISTRATION, config.lastAddress() + 1)));
        }
        return action;
    }

    private long inside(long address) {
        return Long.remainderUnsigned(address, config.lastAddress() + 1);
    }

    /** {@code size} cut to end at the limit. */
    private long clip(long start, long size) {
        return U64.min(size, config.lastAddress() - start + 1);
    }

    /** A start inside the limit from which {@code size} bytes (at most the limit) still fit. */
    private long below(long address, long size) {
        long start = inside(address);
        return U64.atMost(size, config.lastAddress() - start + 1) ? start : config.lastAddress() - size + 1;
    }

    public Phase phase() {
        return phase;
    }

    public List<Piece> map() {
        return map;
    }

    public List<Span> freeRuns() {
        if (freeRuns == null) {
            freeRuns = MemoryMaps.freeRuns(map);
        }
        return freeRuns;
    }

    public List<Span> registeredRuns() {
        if (registeredRuns == null) {
            registeredRuns = MemoryMaps.registeredRuns(map);
        }
        return registeredRuns;
    }

    public List<Span> allocatedRuns() {
        if (allocatedRuns == null) {
            allocatedRuns = MemoryMaps.allocatedRuns(map);
        }
        return allocatedRuns;
    }

    /** True with the given probability in percent. */
    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** Uniform in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Uniform in {@code [low, high]} for small, non-negative bounds. */
    public long between(long low, long high) {
        return low + random.nextLong(high - low + 1);
    }

    public long nextLong() {
        return random.nextLong();
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    public byte[] bytes(int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }
}
