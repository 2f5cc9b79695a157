package io.guestram.conformance.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.report.ProgramReport;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's self-test: each deliberately broken implementation is caught, for the reason
 * its bug explains, with a counterexample shrunk to at most five steps.
 */
class BrokenImplementationsAreCaughtTest {

    private static final int MAX_COUNTEREXAMPLE = 5;

    static Stream<Arguments> brokenImplementations() {
        return Stream.of(
                Arguments.of("largest free ties go to the highest address", (ImplementationFactory) LargestTiesToHighest::new,
                        Set.of("LargestFreeIsLowest (impl)")),
                Arguments.of("allocate takes the highest fit", (ImplementationFactory) AllocateHighestFit::new,
                        Set.of("OutcomesAgree (impl != model)")),
                Arguments.of("free does not coalesce", (ImplementationFactory) FreeWithoutCoalescing::new,
                        Set.of("MemoryMapWellFormed (impl)")),
                Arguments.of("touch chunks run one byte past the page", (ImplementationFactory) TouchOffByOne::new,
                        // Touch's chunks differ; or, in the top page, the broken chunk end wraps
                        // past 2^64, and a read or write through it fails or throws.
                        Set.of("OutcomesAgree (impl != model)", "FailureIsAtomic (impl != model)",
                                "ImplementationThrew (impl)")),
                Arguments.of("a rejected free frees", (ImplementationFactory) RejectedFreeMutates::new,
                        Set.of("FailureIsAtomic (impl)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenImplementations")
    void isCaughtWithAShortCounterexample(String bug, ImplementationFactory broken, Set<String> expected) {
        ConformanceResult result = Campaign.of(Config.defaults(Profile.SPEC), broken).named(bug)
                .seed(20_240_601L).runs(50).actions(200).maxBugs(1).run();
        System.out.println(result.summary());
        assertFalse(result.passed(), bug + " was not caught");
        Counterexample c = result.counterexample();
        assertTrue(expected.contains(c.violation().id()), "caught as " + c.violation() + "\n" + ProgramReport.render(c));
        assertTrue(c.length() <= MAX_COUNTEREXAMPLE, "counterexample of " + c.length() + " steps:\n" + ProgramReport.render(c));
        assertEquals(c.length(), c.failingStep().number(), "the counterexample ends at its failing step");
    }
}
