package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.conformance.junit.GuestRamConformanceTest;
import io.guestram.model.ByteArraySpec;
import java.util.List;

/**
 * The engine holding ReferenceModel (its oracle) to ByteArraySpec, profile spec over byte arrays
 * that shares nothing with it: random runs on spaces of 1 KiB and 256 bytes (every range past the
 * limit is INVALID_RANGE, so the arrays see all the engine's values, 2^64 edges included), every
 * call sequence up to depth 2, and every call from every reachable state of the small
 * configuration. Every check and coverage gate must hold, or the model, the arrays or the engine is wrong.
 */
class ReferenceModelConformsTest extends GuestRamConformanceTest {

    @Override
    protected List<Config> configurations() {
        return List.of(
                Config.bounded(Profile.SPEC, 0x400, 16, List.of(Window.of(0, 0x200), Window.of(0x300, 0x400))),
                Config.bounded(Profile.SPEC, 0x100, 4, List.of(Window.of(0x10, 0x80))));
    }

    @Override
    protected GuestRam create(Config config) {
        return new ByteArraySpec(config);
    }
}
