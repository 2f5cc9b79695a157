package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.conformance.junit.GuestRamConformanceTest;
import io.guestram.model.Models;

/** The model against itself: every check and coverage gate must hold, or the engine is wrong. */
class ReferenceModelConformsTest extends GuestRamConformanceTest {

    @Override
    protected GuestRam create(Config config) {
        return Models.reference(config);
    }
}
