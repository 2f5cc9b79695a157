package io.guestram.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.impl.OptimizedGuestRam;
import org.junit.jupiter.api.Test;

/**
 * Measures the engine's speed, model and optimized implementation in lockstep with every check,
 * per second of this thread's CPU time (one core), after a warm-up campaign:
 * {@code mvn -pl conformance -am verify -Dtest=ThroughputTest -Dsurefire.failIfNoSpecifiedTests=false}
 * prints it (as does {@code guestram conform --seed 1 --runs 1000 --actions 500}).
 *
 * <p>What it promises is exactly its floor: at least 10,000 actions per second of CPU time. CPU
 * time, not wall-clock time, so that a machine busy with other work does not fail it; the floor
 * is far below what a quiet machine measures, so it catches a blow-up of the engine's cost per
 * action (a quadratic scan, a lost index), not a slowdown. Speed targets are JMH's (bench/).
 */
class ThroughputTest {

    @Test
    void runsManyActionsPerSecond() {
        Campaign campaign = Campaign.of(Config.defaults(Profile.SPEC), OptimizedGuestRam::new)
                .named("OptimizedGuestRam").seed(1).runs(200).actions(500);
        campaign.run();
        ConformanceResult result = campaign.seed(2).run();
        System.out.println(result.summary());
        System.out.println(result.statistics().table());
        System.out.printf("throughput: %.0f actions/s%n", result.actionsPerSecond());
        assertTrue(result.passed(), result.summary());
        assertTrue(result.actionsPerSecond() > 10_000, "only " + result.actionsPerSecond() + " actions/s");
    }
}
