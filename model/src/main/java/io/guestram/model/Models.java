package io.guestram.model;

import io.guestram.Config;
import io.guestram.GuestRam;

/** The reference model for a configuration's profile: the oracle every implementation is held to. */
public final class Models {

    private Models() {}

    public static GuestRam reference(Config config) {
        return switch (config.profile()) {
            case SPEC -> new ReferenceModel(config);
            case SEL4 -> new Sel4Model(config);
        };
    }
}
