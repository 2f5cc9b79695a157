package io.guestram.conformance.action;

import io.guestram.call.Outcome;

/**
 * What one action did on both sides. {@code impl} is null when the implementation threw
 * something other than a {@link io.guestram.GuestRamException}, which is then {@code thrown}.
 */
public record Results(Outcome model, Outcome impl, Throwable thrown) {}
