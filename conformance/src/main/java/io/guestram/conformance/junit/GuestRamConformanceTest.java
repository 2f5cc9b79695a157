package io.guestram.conformance.junit;

import static org.junit.jupiter.api.Assertions.fail;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.bounded.BoundedExhaustive;
import io.guestram.conformance.report.JUnitReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks a {@link GuestRam} implementation against the reference model: random runs on three
 * configurations, every call sequence up to a small depth, and every call from every reachable
 * state of a four-address configuration. Subclass it and say how to make
 * your implementation:
 * <pre>
 * class MyRamConformsTest extends GuestRamConformanceTest {
 *     protected GuestRam create(Config config) {
 *         return new MyRam(config);
 *     }
 * }
 * </pre>
 * The seed is printed and put in every failure message; {@code -Dguestram.seed=N} replays it,
 * and {@code -Dguestram.report=DIR} writes an HTML report with the counterexample. A failure
 * message includes a JUnit method to paste into the subclass as a regression test.
 */
public abstract class GuestRamConformanceTest {

    /** A fresh implementation for {@code config}; called once per run and per shrinking replay. */
    protected abstract GuestRam create(Config config);

    protected Profile profile() {
        return Profile.SPEC;
    }

    /** Random runs per configuration. */
    protected int runs() {
        return 60;
    }

    /** Steps per random run. */
    protected int actionsPerRun() {
        return 200;
    }

    /** Depth of the exhaustive mode over {@link BoundedExhaustive#smallConfig}. */
    protected int depth() {
        return 2;
    }

    /** Whether to try every call from every reachable state of the small configuration (seconds). */
    protected boolean reachableStates() {
        return true;
    }

    /**
     * The full 64-bit space with 4 KiB pages and one window; 16-byte pages with windows low and
     * at the very top; a 1 KiB space, so that ranges also cross a limit below 2^64.
     */
    protected List<Config> configurations() {
        return List.of(
                Config.defaults(profile()),
                new Config(profile(), U64.MAX, 16,
                        List.of(Window.of(0, 0x1000), Window.of(0x2000, 0x3000), new Window(U64.MAX - 0xfff, U64.MAX))),
                Config.bounded(profile(), 0x400, 16, List.of(Window.of(0, 0x200), Window.of(0x300, 0x400))));
    }

    /** The campaign for one configuration; override to change weights, checks or sizes. */
    protected Campaign campaign(Config config, long seed) {
        return Campaign.of(config, this::create).named(getClass().getSimpleName())
                .seed(seed).runs(runs()).actions(actionsPerRun());
    }

    @TestFactory
    Stream<DynamicTest> randomRunsAgreeWithTheModel() {
        long seed = Campaign.seedFromPropertyOrRandom();
        System.out.println("guestram conformance seed " + seed + " (replay with -D" + Campaign.SEED_PROPERTY + "=" + seed + ")");
        List<Config> configs = configurations();
        return configs.stream().map(config -> DynamicTest.dynamicTest(config.toString(), () -> {
            Campaign campaign = campaign(config, seed);
            reportDir("random-" + configs.indexOf(config)).ifPresent(campaign::reportDir);
            check(campaign.run());
        }));
    }

    @Test
    void everyShortSequenceAgreesWithTheModel() {
        Config small = BoundedExhaustive.smallConfig(profile());
        Campaign campaign = Campaign.of(small, this::create).named(getClass().getSimpleName())
                .runs(0).depth(depth()).coverageGate(false);
        reportDir("exhaustive").ifPresent(campaign::reportDir);
        check(campaign.run());
    }

    @Test
    void everyCallFromEveryReachableStateAgreesWithTheModel() {
        Assumptions.assumeTrue(reachableStates(), "reachable states turned off");
        Config small = BoundedExhaustive.smallConfig(profile());
        Campaign campaign = Campaign.of(small, this::create).named(getClass().getSimpleName())
                .runs(0).reachable(true).coverageGate(false);
        reportDir("reachable").ifPresent(campaign::reportDir);
        check(campaign.run());
    }

    private static Optional<Path> reportDir(String name) {
        String dir = System.getProperty("guestram.report");
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir, name));
    }

    private static void check(ConformanceResult result) {
        System.out.println(result.summary());
        if (!result.passed()) {
            String junit = result.counterexampleIfAny().map(c -> "\nRegression test:\n" + JUnitReport.render(c)).orElse("");
            fail(result.summary() + junit);
        }
    }
}
