package io.guestram.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.conformance.action.ActionKind;
import io.guestram.conformance.action.Weights;
import io.guestram.conformance.bounded.BoundedExhaustive;
import io.guestram.conformance.broken.AllocateHighestFit;
import io.guestram.conformance.broken.LargestTiesToHighest;
import io.guestram.conformance.broken.TouchOffByOne;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.model.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTest {

    private static String trace(Counterexample c) {
        return JsonTrace.render(c.config(), c.steps());
    }

    private static final Config FULL = Config.defaults(Profile.SPEC);

    @Test
    void theSameSeedReplaysTheSameCampaign() {
        ConformanceResult first = Campaign.of(FULL, LargestTiesToHighest::new).seed(7).runs(20).actions(100).run();
        ConformanceResult second = Campaign.of(FULL, LargestTiesToHighest::new).seed(7).runs(20).actions(100).run();
        assertEquals(first.statistics().toJson(), second.statistics().toJson());
        assertEquals(trace(first.counterexample()), trace(second.counterexample()));
        assertEquals(first.counterexample().origin(), second.counterexample().origin());
    }

    @Test
    void theSeedPropertyFixesTheSeed() {
        String old = System.getProperty(Campaign.SEED_PROPERTY);
        try {
            System.setProperty(Campaign.SEED_PROPERTY, "123");
            assertEquals(123, Campaign.seedFromPropertyOrRandom());
        } finally {
            if (old == null) {
                System.clearProperty(Campaign.SEED_PROPERTY);
            } else {
                System.setProperty(Campaign.SEED_PROPERTY, old);
            }
        }
    }

    @Test
    void anActionNeverRunFailsTheCoverageGate() {
        ConformanceResult r = Campaign.of(FULL, Models::reference).seed(1).runs(5).actions(50)
                .weights(Weights.defaults().with(ActionKind.LARGEST, 0)).run();
        assertFalse(r.passed());
        assertTrue(r.coverageGaps().contains("error NO_FREE_REGION never returned"), r.coverageGaps().toString());
        assertFalse(r.coverageGaps().stream().anyMatch(g -> g.contains("action largest")), "weight 0 is not a gap");
    }

    @Test
    void theExhaustiveModeFindsShallowBugs() {
        for (ImplementationFactory broken : new ImplementationFactory[] {LargestTiesToHighest::new, TouchOffByOne::new}) {
            ConformanceResult r = Campaign.of(BoundedExhaustive.smallConfig(Profile.SPEC), broken)
                    .runs(0).depth(2).coverageGate(false).run();
            assertEquals(1, r.divergences(), r.summary());
            assertTrue(r.counterexample().origin().startsWith("exhaustive"), r.summary());
            assertTrue(r.counterexample().length() <= 2, r.summary());
        }
    }

    @Test
    void theReachableStatesModeFindsWhatDepthTwoCannot() {
        Config small = BoundedExhaustive.smallConfig(Profile.SPEC);
        ConformanceResult shallow = Campaign.of(small, AllocateHighestFit::new).runs(0).depth(2).coverageGate(false).run();
        assertTrue(shallow.passed(), "allocating the highest fit needs two free runs first: " + shallow.summary());
        ConformanceResult r = Campaign.of(small, AllocateHighestFit::new).runs(0).reachable(true).coverageGate(false).run();
        assertEquals(1, r.divergences(), r.summary());
        assertEquals("reachable states", r.counterexample().origin());
        assertTrue(r.counterexample().length() <= 3, r.summary());
    }

    @Test
    void aReportDirectoryHoldsEveryView(@TempDir Path dir) throws Exception {
        ConformanceResult r = Campaign.of(FULL, LargestTiesToHighest::new).seed(3).runs(20).actions(100).reportDir(dir).run();
        for (String file : new String[] {"result.json", "summary.txt", "report.html", "counterexample.txt",
                "counterexample.jsonl", "CounterexampleTest.java"}) {
            assertTrue(Files.size(dir.resolve(file)) > 0, file);
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains(r.counterexample().violation().label()), html);
        Object json = io.guestram.explorer.Json.parse(Files.readString(dir.resolve("result.json")));
        assertEquals(Boolean.FALSE, ((java.util.Map<?, ?>) json).get("passed"));
    }

    @Test
    void aCorrectImplementationPassesAndReportsItsSpeed() {
        ConformanceResult r = Campaign.of(FULL, Models::reference).seed(5).runs(30).actions(200).run();
        assertTrue(r.passed(), r.summary());
        assertEquals(29 * 200 + 5 * 200, r.actions(), "run 10 of every 20 is five times longer");
        assertTrue(r.actionsPerSecond() > 0);
        assertTrue(r.statistics().maxPieces() > 5, "fragmentation reached: " + r.statistics().maxPieces());
    }
}
