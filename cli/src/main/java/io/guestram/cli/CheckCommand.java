package io.guestram.cli;

import io.guestram.Profile;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.explorer.Exploration;
import io.guestram.impl.OptimizedGuestRam;
import io.guestram.explorer.Explorer;
import io.guestram.explorer.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check",
        header = "The main job: model-check every configuration, check the optimized implementation, summarize.",
        description = "Explores every model configuration of the spec (default: the one embedded in guestram) "
                + "and checks every invariant and property, then runs a conformance campaign of the optimized "
                + "implementation against the reference model, and prints one summary.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "DIR", description = "The spec folder (default: the embedded spec).")
    Path specDir;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "100",
            description = "Random conformance runs of the optimized implementation (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--actions", paramLabel = "N", defaultValue = "200", description = "Steps per run (default: ${DEFAULT-VALUE}).")
    int actions;

    @Option(names = "--seed", paramLabel = "N", description = "The conformance campaign's seed (default: random, printed).")
    Long seed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        List<Exploration> explorations = new ArrayList<>();
        boolean held = true;
        int expectedViolations = 0;
        TerminalProgress progress = TerminalProgress.of(spec, json);
        for (Path cfg : SpecFiles.configurations(SpecFiles.directory(specDir))) {
            Exploration e = new Explorer(ModelConfig.read(cfg)).run(progress);
            explorations.add(e);
            held &= ExploreCommand.manifestOf(cfg).expected(e);
            expectedViolations += e.holds() ? 0 : 1;
        }
        Campaign campaign = Campaign.rotating(Profile.SPEC, OptimizedGuestRam::new).named("optimized")
                .runs(runs).actions(actions).progress(progress);
        if (seed != null) {
            campaign.seed(seed);
        }
        ConformanceResult conformance = campaign.run();
        progress.close();
        if (json) {
            List<String> objects = explorations.stream().map(Exploration::toJson).toList();
            out.println("{\"explorations\": [" + String.join(",\n ", objects) + "],\n \"conformance\": "
                    + conformance.toJson() + "}");
        } else {
            ExploreCommand.print(spec, explorations, false);
            out.println(conformance.summary());
            long states = explorations.stream().mapToLong(Exploration::distinctStates).sum();
            out.printf("check: %d configurations, %d distinct states explored: %s (%d known libsel4vm bugs found as "
                            + "expected); optimized implementation: %s%n",
                    explorations.size(), states, held ? "every invariant and property holds" : "UNEXPECTED RESULTS",
                    expectedViolations, conformance.passed() ? "conforms" : "DIVERGES");
        }
        out.flush();
        return held && conformance.passed() ? ExitCode.OK : ExitCode.VIOLATION;
    }
}
