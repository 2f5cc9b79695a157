package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The configurations a campaign rotates through, each with a short name for the statistics.
 * Bugs hide in the configuration as much as in the calls: a page-rounding slip shows only where a
 * window starts off a page boundary, an overflow only where a window or the limit touches the
 * top, a chunking bug only where pages are small enough for a read to span several. So the
 * default rotation covers page sizes from 1 byte to 64 KiB, small limits and 2^64, zero, one and
 * several windows, unaligned window ends, windows touching the top of the space, dense and sparse
 * layouts; the first entry is the profile's default configuration.
 */
public final class Configurations {

    /** A configuration and its name in reports. */
    public record Named(String name, Config config) {
        @Override
        public String toString() {
            return name + " (" + config + ")";
        }
    }

    private Configurations() {}

    /** The default rotation of a profile. */
    public static List<Named> rotation(Profile profile) {
        return profile == Profile.SEL4 ? sel4() : spec();
    }

    private static List<Named> spec() {
        long top = U64.MAX;
        return List.of(
                new Named("default", Config.defaults(Profile.SPEC)),
                new Named("unaligned windows", new Config(Profile.SPEC, top, 4096, List.of(
                        new Window(0x1001, 0x8ffe), new Window(0x20003, 0x5ffff), new Window(top - 0x9ffc, top)))),
                new Named("page 1, 4 KiB space, two windows", Config.bounded(Profile.SPEC, 0x1000, 1,
                        List.of(Window.of(0x100, 0x400), Window.of(0x800, 0xc00)))),
                new Named("page 64 KiB, window at the top", new Config(Profile.SPEC, top, 0x10000,
                        List.of(new Window(top - 0x7fffff, top)))),
                new Named("page 16, 64 KiB space, dense windows", Config.bounded(Profile.SPEC, 0x10000, 16, dense())),
                new Named("page 8 KiB, 2^48 space, sparse windows", Config.bounded(Profile.SPEC, 1L << 48, 0x2000, List.of(
                        Window.of(0x100000, 0x200000), Window.of(1L << 40, (1L << 40) + 0x100000),
                        Window.of((1L << 48) - 0x100000, 1L << 48)))),
                new Named("page 512, 1 MiB space, no window", Config.bounded(Profile.SPEC, 1 << 20, 512, List.of())));
    }

    /** Eight windows of 256 bytes, 16 bytes apart. */
    private static List<Window> dense() {
        List<Window> windows = new ArrayList<>();
        for (long i = 0; i < 8; i++) {
            windows.add(Window.of(0x1000 + i * 0x110, 0x1000 + i * 0x110 + 0x100));
        }
        return windows;
    }

    /**
     * Profile sel4: libsel4vm's pages are 4 KiB. First where real VMMs put guest RAM: CAmkES VMs
     * register it at the platform's RAM base, 0x40000000 on qemu-arm-virt and Exynos5, 512 MiB
     * (camkes-vm's {@code init_ram_module}, {@code vm_config.ram}); then the project's historic
     * default (the upper half), a window at the top of the space, unaligned windows, none, several.
     */
    private static List<Named> sel4() {
        long top = U64.MAX;
        return List.of(
                new Named("guest RAM at 1 GiB (camkes-vm qemu-arm-virt)", new Config(Profile.SEL4, top, 4096,
                        List.of(Window.of(0x40000000L, 0x60000000L)))),
                new Named("upper half", Config.defaults(Profile.SEL4)),
                new Named("window at the top", new Config(Profile.SEL4, top, 4096, List.of(new Window(top - 0xffffff, top)))),
                new Named("unaligned windows", new Config(Profile.SEL4, top, 4096, List.of(
                        new Window(0x40000800L, 0x400ff7ffL), new Window(0x80000003L, 0x8001fffeL)))),
                new Named("no window", new Config(Profile.SEL4, top, 4096, List.of())),
                new Named("several windows", new Config(Profile.SEL4, top, 4096, List.of(
                        Window.of(0x40000000L, 0x40100000L), Window.of(0x80000000L, 0x80400000L),
                        Window.of(0x100000000L, 0x110000000L)))));
    }

    /**
     * The windows of {@code c} under the pinned last address: a window ending at the top of
     * {@code c}'s space stays at the top (moved down whole, if the smaller space holds it), so
     * that a 48-bit machine's rotation still has its window at the top; a window beyond the
     * limit otherwise is dropped, and {@link #pinned} leaves out the entry that had it.
     */
    private static List<Window> atTheTop(Config c, long last) {
        List<Window> kept = new ArrayList<>();
        for (Window x : c.windows()) {
            long shift = c.lastAddress() - last;
            if (U64.atMost(x.last(), last)) {
                kept.add(x);
            } else if (x.last() == c.lastAddress() && U64.atMost(shift, x.first())
                    && (kept.isEmpty() || U64.lessThan(kept.get(kept.size() - 1).last(), x.first() - shift))) {
                kept.add(new Window(x.first() - shift, last));
            }
        }
        return kept;
    }

    /**
     * The rotation restricted by what the user pinned: a page size, a limit (0 for 2^64), a window
     * list; each null leaves that dimension free. A configuration pinned in every dimension is the
     * only one; otherwise every rotation entry is adapted ({@link #atTheTop}), and the names say what was pinned.
     */
    public static List<Named> pinned(Profile profile, Long page, Long limit, List<Window> windows) {
        if (page == null && limit == null && windows == null) {
            return rotation(profile);
        }
        List<Named> result = new ArrayList<>();
        for (Named n : rotation(profile)) {
            Config c = n.config();
            long last = limit == null ? c.lastAddress() : limit == 0 ? U64.MAX : limit - 1;
            long p = page == null ? c.pageSize() : page;
            List<Window> w = windows != null ? windows : atTheTop(c, last);
            if (w.size() < (windows != null ? w.size() : c.windows().size())) {
                continue; // its point was a window the pinned limit has no room for
            }
            Config adapted = new Config(profile, last, p, w);
            if (result.stream().noneMatch(r -> r.config().equals(adapted))) {
                result.add(new Named(n.name() + (adapted.equals(c) ? "" : ", pinned"), adapted));
            }
        }
        return result;
    }
}
