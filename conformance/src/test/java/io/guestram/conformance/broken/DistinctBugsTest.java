package io.guestram.conformance.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.ConfigurationRefusedException;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.Configurations;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.report.ProgramReport;
import io.guestram.model.Models;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The campaign goes on after a failure and reports each distinct bug with its own shrunk
 * counterexample; it skips configurations an implementation refuses; and a memory map that cannot
 * be read is reported after the results that differed, never as "(same)".
 */
class DistinctBugsTest {

    /** Two independent bugs: ties in largest go to the highest run, and free of nothing allocated is accepted. */
    static final class TwoBugs extends ForwardingGuestRam {

        TwoBugs(Config config) {
            super(config);
        }

        @Override
        public Region findLargestFreeRegion() {
            return LargestTiesToHighest.highestOfTheLongest(memoryMap());
        }

        @Override
        public void free(long start, long size) {
            try {
                delegate.free(start, size);
            } catch (GuestRamException e) {
                if (e.code() != ErrorCode.NOT_ALLOCATED) {
                    throw e;
                }
            }
        }
    }

    @Test
    void twoIndependentBugsAreReportedSeparately() {
        ConformanceResult r = Campaign.of(Config.defaults(Profile.SPEC), TwoBugs::new).seed(11).runs(60).actions(200).run();
        Set<String> properties = r.counterexamples().stream().map(c -> c.violation().label()).collect(Collectors.toSet());
        assertTrue(properties.contains("LargestFreeIsLowest"), r.summary());
        assertTrue(properties.contains("OutcomesAgree"), r.summary());
        assertEquals(r.counterexamples().size(), r.counterexamples().stream().map(Counterexample::signature).distinct().count(),
                "one counterexample per signature:\n" + r.summary());
        for (Counterexample c : r.counterexamples()) {
            assertTrue(c.length() <= 6, ProgramReport.render(c));
            assertEquals(c.signature(), io.guestram.conformance.run.Signature.of(c.failingStep()));
        }
        assertTrue(r.summary().contains("distinct bugs"), r.summary());
    }

    @Test
    void aRefusedConfigurationIsSkippedNotFailed() {
        List<Configurations.Named> rotation = Configurations.rotation(Profile.SPEC);
        Campaign campaign = Campaign.rotating(Profile.SPEC, config -> {
            if (config.pageSize() != 4096) {
                throw new ConfigurationRefusedException(config, "only 4 KiB pages");
            }
            return Models.reference(config);
        }).seed(3).runs(14).actions(50);
        ConformanceResult r = campaign.run();
        assertTrue(r.passed(), r.summary());
        long refused = r.configurations().stream().filter(c -> c.refused() != null).count();
        assertEquals(rotation.stream().filter(n -> n.config().pageSize() != 4096).count(), refused, r.summary());
        assertTrue(r.summary().contains("skipped: the implementation refused it in hello (only 4 KiB pages)"), r.summary());
        assertTrue(r.configurations().stream().filter(c -> c.refused() == null).allMatch(c -> c.runs() > 0), r.summary());
    }

    @Test
    void refusingEveryConfigurationFails() {
        ConformanceResult r = Campaign.rotating(Profile.SPEC, config -> {
            throw new ConfigurationRefusedException(config, "nothing suits me");
        }).seed(3).runs(5).actions(20).run();
        assertFalse(r.passed());
        assertTrue(r.coverageGaps().contains("the implementation refused every configuration"), r.summary());
    }

    /** After an allocate the map cannot be read; with {@code wrongAddress}, allocate also answers one byte too high. */
    static final class GarbledMap extends ForwardingGuestRam {
        private final boolean wrongAddress;
        private boolean garbled;

        GarbledMap(Config config, boolean wrongAddress) {
            super(config);
            this.wrongAddress = wrongAddress;
        }

        @Override
        public long allocate(long size) {
            garbled = true;
            return delegate.allocate(size) + (wrongAddress ? 1 : 0);
        }

        @Override
        public List<Piece> memoryMap() {
            if (garbled) {
                throw new IllegalStateException("pieces out of order");
            }
            return delegate.memoryMap();
        }
    }

    @Test
    void differingResultsComeBeforeAnUnreadableMap() {
        Counterexample c = Campaign.of(Config.defaults(Profile.SPEC), config -> new GarbledMap(config, true)).seed(5).runs(20)
                .actions(100).maxBugs(1).run().counterexample();
        assertEquals("OutcomesAgree", c.violation().label(), ProgramReport.render(c));
        assertTrue(c.violation().message().contains("could not be read"), ProgramReport.render(c));
        assertTrue(ProgramReport.render(c).contains("impl  (unreadable)"), ProgramReport.render(c));
        assertFalse(ProgramReport.render(c).contains("memory map after step " + c.length() + ":\n  model " + c.failingStep().modelAfter()
                + "\n  impl  (same)"), ProgramReport.render(c));
    }

    @Test
    void anUnreadableMapIsAFindingAboutTheMap() {
        Counterexample c = Campaign.of(Config.defaults(Profile.SPEC), config -> new GarbledMap(config, false)).seed(5).runs(20)
                .actions(100).maxBugs(1).run().counterexample();
        assertEquals("MemoryMapWellFormed (impl)", c.violation().id(), ProgramReport.render(c));
        assertTrue(c.violation().message().contains("pieces out of order"), ProgramReport.render(c));
    }
}
