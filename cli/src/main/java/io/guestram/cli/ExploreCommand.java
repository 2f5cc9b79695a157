package io.guestram.cli;

import io.guestram.explorer.Exploration;
import io.guestram.explorer.Explorer;
import io.guestram.explorer.Manifest;
import io.guestram.explorer.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explore",
        header = "Model-check the reference model under TLC model configurations.",
        description = "Explores breadth-first every state of spec/GuestRam.tla reachable under a configuration's "
                + "constants, checks its invariants and properties, and prints TLC's counts: distinct states, "
                + "transitions (TLC's states generated) and depth. A violation prints the shortest call sequence to it.")
final class ExploreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A model configuration such as spec/MC_Small.cfg (repeatable; default: every embedded one).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON: an object for one configuration, an array for several.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        List<Path> files = configs.isEmpty() ? SpecFiles.configurations(SpecFiles.directory(null)) : configs;
        List<ModelConfig> models = new ArrayList<>();
        for (Path file : files) {
            models.add(ModelConfig.read(file)); // every file read before any is explored: a bad last one costs no time
        }
        List<Exploration> results = new ArrayList<>();
        boolean asExpected = true;
        try (TerminalProgress progress = TerminalProgress.of(spec, json)) {
            for (int i = 0; i < files.size(); i++) {
                Exploration e = new Explorer(models.get(i)).run(progress);
                results.add(e);
                asExpected &= manifestOf(files.get(i)).expected(e);
            }
        }
        print(spec, results, json);
        return asExpected ? ExitCode.OK : ExitCode.VIOLATION;
    }

    /** The manifest beside a configuration: it says which configurations are meant to break. */
    static Manifest manifestOf(Path cfg) {
        Path dir = cfg.toAbsolutePath().getParent();
        return Manifest.of(dir);
    }

    static void print(CommandSpec spec, List<Exploration> results, boolean json) {
        var out = spec.commandLine().getOut();
        if (json) {
            List<String> objects = results.stream().map(Exploration::toJson).toList();
            out.println(objects.size() == 1 ? objects.get(0) : "[" + String.join(",\n ", objects) + "]");
        } else {
            for (Exploration e : results) {
                out.println(e.summary());
                if (!e.holds()) {
                    out.println("  (a configuration listed with expectedViolation in spec/golden/manifest.json states a promise "
                            + "the profile is known to break: see spec/README.md, Known libsel4vm bugs)");
                }
                e.violations().forEach(v -> out.println(v.describe()));
            }
        }
        out.flush();
    }
}
