package io.guestram.conformance.broken;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.ImplementationFactory;

/** Counterexamples that the broken implementations yield for a fixed seed, for report tests. */
public final class Counterexamples {

    public static final long SEED = 20_240_601L;

    private Counterexamples() {}

    public static Counterexample of(ImplementationFactory broken) {
        return Campaign.of(Config.defaults(Profile.SPEC), broken).seed(SEED).runs(50).actions(200).maxBugs(1).run()
                .counterexampleIfAny().orElseThrow(() -> new AssertionError("no counterexample found"));
    }
}
