package org.example.ram;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.conformance.junit.GuestRamConformanceTest;

/** RangeMapRam against guestram's reference model: random runs, every short sequence, every reachable state. */
class RangeMapRamConformsTest extends GuestRamConformanceTest {
    @Override
    protected GuestRam create(Config config) {
        return new RangeMapRam(config, Boolean.getBoolean("example.broken"));
    }
}
