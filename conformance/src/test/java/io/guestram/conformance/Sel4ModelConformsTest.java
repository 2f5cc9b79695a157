package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.conformance.junit.GuestRamConformanceTest;
import io.guestram.model.Models;

/** The engine with profile sel4: the sel4 model against itself passes every check and gate. */
class Sel4ModelConformsTest extends GuestRamConformanceTest {

    @Override
    protected Profile profile() {
        return Profile.SEL4;
    }

    /** Its 645 reachable maps take ten seconds; the spec suites cover the mode. */
    @Override
    protected boolean reachableStates() {
        return false;
    }

    @Override
    protected GuestRam create(Config config) {
        return Models.reference(config);
    }
}
