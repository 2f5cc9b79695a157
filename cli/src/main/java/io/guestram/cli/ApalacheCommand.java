package io.guestram.cli;

import io.guestram.explorer.Apalache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "apalache",
        header = "Run Apalache on the spec (needs APALACHE_HOME or apalache-mc on the PATH).",
        description = "Type-checks every module spec/apalache-checks.txt names with Apalache, then runs the bounded and inductive checks "
                + "listed in spec/apalache-checks.txt (module, apalache-mc check arguments, optionally "
                + "expect=violation and slow; the slow ones only with --slow) and prints each verdict and time. Apalache runs from $APALACHE_HOME/bin/apalache-mc, "
                + "or apalache-mc on the PATH, with the java of JAVA_HOME (it needs Java 21+). Exit codes: 0 every check "
                + "as expected, 1 not. Without Apalache it says so in one line and exits 0: guestram never downloads it.")
final class ApalacheCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "DIR", description = "The spec folder (default: the embedded spec).")
    Path specDir;

    @Option(names = "--max-length", paramLabel = "N",
            description = "Lower every check's --length to at most N (a quick run; the checks list the full depths).")
    Integer maxLength;

    @Option(names = "--slow", description = "Also run the checks marked slow (without it each is named as skipped).")
    boolean slow;

    @Option(names = "--json", description = "Print a JSON array, one object per run of Apalache.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        if (maxLength != null && maxLength < 0) {
            throw new UsageException("--max-length " + maxLength + ": must be at least 0");
        }
        Optional<Apalache> apalache = Apalache.fromEnvironment();
        if (apalache.isEmpty()) {
            out.println(Apalache.skipNotice());
            return ExitCode.OK;
        }
        Path dir = SpecFiles.directory(specDir);
        List<Apalache.Check> checks = Apalache.checks(dir);
        List<Apalache.Result> results = new ArrayList<>();
        boolean asExpected = true;
        for (String module : checks.stream().map(Apalache.Check::module).distinct().sorted().toList()) {
            asExpected &= report(apalache.get().typecheck(dir, module), results, out);
        }
        for (Apalache.Check check : checks) {
            if (check.slow() && !slow) {
                if (!json) {
                    out.println(check.module() + ": Apalache check " + String.join(" ", check.args())
                            + ": skipped (marked slow in " + Apalache.CHECKS_FILE + "; --slow runs it)");
                }
                continue;
            }
            Apalache.Check run = maxLength == null ? check : check.capped(maxLength);
            asExpected &= report(apalache.get().check(dir, run), results, out);
        }
        if (json) {
            out.println("[" + String.join(",\n ", results.stream().map(Apalache.Result::toJson).toList()) + "]");
        }
        return asExpected ? ExitCode.OK : ExitCode.VIOLATION;
    }

    private boolean report(Apalache.Result r, List<Apalache.Result> results, java.io.PrintWriter out) {
        results.add(r);
        if (!json) {
            out.println(r.summary() + (!r.asExpected() ? " (UNEXPECTED)" : r.expectViolation() ? " (as expected)" : ""));
            if (!r.asExpected()) {
                out.println(r.output());
            }
            out.flush();
        }
        return r.asExpected();
    }
}
