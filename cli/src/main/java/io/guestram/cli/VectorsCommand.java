package io.guestram.cli;

import io.guestram.Profile;
import io.guestram.trace.Vectors;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "vectors",
        header = "Write deterministic test vectors (traces with the model's results).",
        description = "Writes a handful of traces (docs/trace-format.md) into DIR, one per call plus edges.jsonl, whose "
                + "expected results are the reference model's: every error code of every call, OK, page-crossing "
                + "touches/reads/writes, stopping callbacks and ranges ending at or overflowing 2^64; and DIR/README.txt "
                + "listing them. The same bytes every run.")
final class VectorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "spec|sel4", defaultValue = "spec", description = "The profile (default: spec).")
    Profile profile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The directory to write into.")
    Path out;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        var written = Vectors.write(profile, out);
        var o = spec.commandLine().getOut();
        written.forEach(o::println);
        o.flush();
        return ExitCode.OK;
    }
}
