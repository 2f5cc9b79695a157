package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.conformance.junit.GuestRamConformanceTest;
import io.guestram.impl.OptimizedGuestRam;

/** The project's optimized implementation, checked the way any user checks theirs. */
class OptimizedGuestRamConformsTest extends GuestRamConformanceTest {

    @Override
    protected GuestRam create(Config config) {
        return new OptimizedGuestRam(config);
    }
}
