package io.guestram.cli;

import io.guestram.conformance.explore.Exploration;
import io.guestram.conformance.explore.Explorer;
import io.guestram.conformance.explore.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "check",
        header = "The main job: model-check every configuration and summarize.",
        description = "Explores every model configuration of the spec (default: the one embedded in guestram) "
                + "and checks every invariant and property, then prints one summary.")
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "DIR", description = "The spec folder (default: the embedded spec).")
    Path specDir;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        List<Exploration> explorations = new ArrayList<>();
        for (Path cfg : SpecFiles.configurations(SpecFiles.directory(specDir))) {
            explorations.add(new Explorer(ModelConfig.read(cfg)).run());
        }
        ExploreCommand.print(spec, explorations, json);
        boolean held = explorations.stream().allMatch(Exploration::holds);
        if (!json) {
            long states = explorations.stream().mapToLong(Exploration::distinctStates).sum();
            out.printf("check: %d configurations, %d distinct states explored: %s%n", explorations.size(), states,
                    held ? "every invariant and property holds" : "VIOLATIONS FOUND");
        }
        return held ? ExitCode.OK : ExitCode.VIOLATION;
    }
}
