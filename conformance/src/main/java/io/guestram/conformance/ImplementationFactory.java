package io.guestram.conformance;

import io.guestram.Config;
import io.guestram.GuestRam;

/**
 * Makes a fresh implementation for a configuration. The engine calls it once per run and once
 * per shrinking replay, so every replay starts from the same empty state.
 */
@FunctionalInterface
public interface ImplementationFactory {

    GuestRam create(Config config);
}
