package io.guestram.bench;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.impl.OptimizedGuestRam;
import io.guestram.model.ReferenceModel;
import java.util.Locale;

/** What a benchmark measures: the optimized implementation, the reference model, or the port of libsel4vm. */
enum Subject {
    /** {@link OptimizedGuestRam}: the augmented B+-tree of pieces. */
    IMPL,
    /** {@link Sel4Port}: libsel4vm's flat array, sort and collapse, linear scans. */
    PORT,
    /** {@link ReferenceModel}: the spec transliterated, linear by design. */
    MODEL;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Subject parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /**
     * A guest RAM holding {@code layout}. The implementation and the model are built through the
     * API, registrations first, then the allocated pieces, each in the layout's order; the port's
     * array is filled directly (building 10^6 entries one call at a time would take hours).
     */
    GuestRam build(Layout layout) {
        if (this == PORT) {
            return Sel4Port.of(Config.defaults(Profile.SEL4), layout.first, layout.size, layout.allocated);
        }
        Config config = Config.defaults(Profile.SPEC);
        GuestRam ram = this == IMPL ? new OptimizedGuestRam(config) : new ReferenceModel(config);
        for (int r : layout.registerOrder) {
            int from = layout.regionStart[r];
            int to = layout.regionStart[r + 1] - 1;
            ram.registerAt(layout.first[from], layout.last(to) - layout.first[from] + 1, false);
        }
        for (int p : layout.markOrder) {
            ram.markAllocated(layout.first[p], layout.size[p]);
        }
        return ram;
    }
}
