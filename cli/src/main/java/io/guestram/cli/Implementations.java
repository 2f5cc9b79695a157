package io.guestram.cli;

import io.guestram.Profile;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.impl.OptimizedGuestRam;
import io.guestram.model.Models;

/** What {@code --impl optimized|model} names, for the commands that check an implementation. */
final class Implementations {

    private Implementations() {}

    static ImplementationFactory of(String impl, Profile profile) {
        return switch (impl) {
            case "optimized" -> {
                if (profile != Profile.SPEC) {
                    throw new UsageException("--impl optimized follows profile spec only");
                }
                yield OptimizedGuestRam::new;
            }
            case "model" -> Models::reference;
            default -> throw new UsageException("--impl " + impl + ": expected optimized or model");
        };
    }
}
