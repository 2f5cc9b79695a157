package io.guestram.conformance.action;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.Profile;
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
     * far end of the unsigned range (size rounding, the underflowing fit).
     */
    public int maxRegistrationLog2() {
        return config.profile() == Profile.SEL4 ? 63 : 40;
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
