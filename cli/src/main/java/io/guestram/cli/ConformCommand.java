package io.guestram.cli;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.conformance.Campaign;
import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.Configurations;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.action.Weights;
import io.guestram.protocol.ExternalGuestRam;
import io.guestram.protocol.ExternalProcess;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "conform",
        header = "Check an implementation against the reference model, step by step, with shrinking.",
        description = {
            "Runs --runs random call sequences of --actions steps on the model and the implementation in lockstep, "
                    + "comparing every result and memory map and checking the spec's invariants on both after every step; "
                    + "then, with --depth d, every sequence of d calls with arguments 0..4 on a 4-address configuration, "
                    + "and with --reachable every such call from every state the model can reach there. "
                    + "The first divergence is shrunk to a minimal counterexample, printed as a numbered program; --report "
                    + "also writes it as a trace (JSON Lines), a JUnit test and an HTML page with the memory maps drawn.",
            "",
            "A divergence is replayed --confirm times on fresh instances, and so is its minimal version; if "
                    + "either does not fail every time, the implementation is nondeterministic and the failure is "
                    + "reported as flaky, with the program and how often it reproduced, not as a minimal counterexample.",
            "",
            "With --exec, a process that crashes, hangs past --timeout-ms, writes a partial, over-long or "
                    + "unrequested line or a malformed answer fails the step that provoked it; the report names the "
                    + "command, the exit status and the end of its stderr (docs/protocol.md). The process and "
                    + "everything it started are killed when guestram ends, also on Ctrl-C.",
            "",
            "Runs rotate through configurations (page sizes from 1 byte to 64 KiB, small limits and 2^64, zero, one "
                    + "and several windows, unaligned windows, windows at the top of the space); --page, --limit and "
                    + "--windows pin them. A configuration the implementation refuses in hello is skipped, with a line "
                    + "saying so. Every distinct bug (property, call, results) gets its own minimal counterexample, up to --max-bugs.",
            "",
            "The seed is printed; --seed replays a campaign exactly. Exit codes: 0 conforms, 1 divergence, flaky "
                    + "failure, failing implementation process or coverage gap (an action or error code never "
                    + "exercised), 2 usage."
        })
final class ConformCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--impl", paramLabel = "optimized|model", defaultValue = "optimized",
            description = "The implementation to check (default: ${DEFAULT-VALUE}).")
    String impl;

    @Mixin
    ExecOptions exec;

    @Option(names = "--profile", paramLabel = "spec|sel4", defaultValue = "spec",
            description = "Whose semantics the model follows (default: ${DEFAULT-VALUE}).")
    Profile profile;

    @Option(names = "--seed", paramLabel = "N", description = "The campaign's seed (default: random, printed).")
    Long seed;

    @Option(names = "--actions", paramLabel = "N", defaultValue = "200", description = "Steps per run (default: ${DEFAULT-VALUE}).")
    int actions;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "100", description = "Random runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--depth", paramLabel = "d", defaultValue = "0",
            description = "Depth of the exhaustive mode; 0 skips it, 2 takes seconds, 3 minutes (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--reachable",
            description = "Also try every call from every reachable state of the 4-address configuration (seconds).")
    boolean reachable;

    @Option(names = "--confirm", paramLabel = "N", defaultValue = "5",
            description = "Replays of a failure, and of its minimal version, that must all fail before it is reported "
                    + "as a counterexample rather than as flaky (default: ${DEFAULT-VALUE}).")
    int confirm;

    @Option(names = "--weights", paramLabel = "CALL=W,...", description = "Change action weights, e.g. allocate=8,write=0.")
    String weights;

    @Option(names = "--report", paramLabel = "DIR", description = "Write result.json, report.html and the counterexample's files there.")
    Path report;

    @Option(names = "--page", paramLabel = "P",
            description = "Pin the page size (a power of two up to 2^30) in every configuration of the rotation.")
    String page;

    @Option(names = "--limit", paramLabel = "L",
            description = "Pin the address limit, a number or 2^N (0 or 2^64 for the whole 64-bit space); windows at the top "
                    + "move to the new top, others beyond it are dropped. Under --profile sel4 a limit below 2^64 is a "
                    + "machine: no call's range reaches past it and registrations are of up to 1 GiB.")
    String limit;

    @Option(names = "--windows", paramLabel = "F-L,...|none",
            description = "Pin the anonymous windows: inclusive FIRST-LAST pairs in address order, or none.")
    String windows;

    @Option(names = "--fragmenting", paramLabel = "PERCENT", defaultValue = "10",
            description = "The share of runs that aim most steps at many pieces, growing about one piece per step "
                    + "(default: ${DEFAULT-VALUE}; 100 for a campaign of thousands of pieces).")
    int fragmenting;

    @Option(names = "--max-bugs", paramLabel = "N", defaultValue = "8",
            description = "Distinct bugs to find and shrink before stopping (default: ${DEFAULT-VALUE}).")
    int maxBugs;

    @Option(names = "--json", description = "Print the result as JSON (also when interrupted: what was found so far).")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        if (actions < 1 || runs < 0 || depth < 0 || depth > 4 || confirm < 1) {
            throw new UsageException("need --actions >= 1, --runs >= 0, --depth between 0 and 4 and --confirm >= 1");
        }
        if (fragmenting < 0 || fragmenting > 100) {
            throw new UsageException("--fragmenting " + fragmenting + ": need a percentage between 0 and 100");
        }
        exec.validate();
        List<Configurations.Named> rotation = rotation();
        Config config = rotation.get(0).config();
        if (exec.given()) {
            try (ExternalProcess process = exec.process()) {
                return run(config, rotation, process::create, exec.command);
            } catch (ExternalGuestRam.ExternalFailure e) {
                // It failed where no step could take the blame: starting, or the handshake.
                spec.commandLine().getErr().println("guestram: the implementation failed: " + e.getMessage());
                return ExitCode.VIOLATION;
            }
        }
        return run(config, rotation, Implementations.of(impl, config.profile()), impl);
    }

    /** The profile's rotation, restricted by --page, --limit and --windows. */
    private List<Configurations.Named> rotation() {
        if (maxBugs < 1) {
            throw new UsageException("need --max-bugs >= 1");
        }
        Long p = page == null ? null : number("--page", page);
        Long l = limit == null ? null : limit(limit.strip());
        List<Window> w = windows == null ? null : windowList(windows);
        try {
            return Configurations.pinned(profile, p, l, w);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--page/--limit/--windows: " + e.getMessage());
        }
    }

    /** --limit: a number, or 2^N for N from 1 to 64 (2^64, like 0, is the whole space). */
    private static long limit(String text) {
        if (text.startsWith("2^")) {
            String exponent = text.substring(2);
            if (exponent.matches("[0-9]{1,2}") && Integer.parseInt(exponent) >= 1 && Integer.parseInt(exponent) <= 64) {
                int n = Integer.parseInt(exponent);
                return n == 64 ? 0 : 1L << n;
            }
            throw new UsageException("--limit " + text + ": 2^N needs N from 1 to 64");
        }
        return number("--limit", text);
    }

    private static long number(String option, String text) {
        try {
            return U64.parse(text.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " " + text + ": not an unsigned 64-bit number");
        }
    }

    private static List<Window> windowList(String text) {
        if (text.strip().equals("none")) {
            return List.of();
        }
        List<Window> list = new ArrayList<>();
        for (String pair : text.split(",")) {
            String[] ends = pair.strip().split("-", 2);
            if (ends.length != 2) {
                throw new UsageException("--windows " + text + ": '" + pair + "' is not FIRST-LAST");
            }
            try {
                list.add(new Window(number("--windows", ends[0]), number("--windows", ends[1])));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--windows " + text + ": " + e.getMessage());
            }
        }
        return list;
    }

    private int run(Config config, List<Configurations.Named> rotation, ImplementationFactory factory, String name) {
        TerminalProgress progress = TerminalProgress.of(spec, json);
        Campaign campaign = Campaign.of(config, factory).named(name).configurations(rotation).maxBugs(maxBugs)
                .actions(actions).runs(runs).depth(depth).reachable(reachable).confirmations(confirm).fragmenting(fragmenting)
                .weights(weights())
                .progress(progress);
        if (seed != null) {
            campaign.seed(seed);
        }
        if (report != null) {
            campaign.reportDir(report);
        }
        PrintWriter out = spec.commandLine().getOut();
        AtomicBoolean printed = new AtomicBoolean();
        Thread whenStopped = new Thread(() -> {
            ConformanceResult soFar = campaign.resultSoFar();
            if (soFar != null && printed.compareAndSet(false, true)) {
                out.println(json ? soFar.toJson() : "guestram: interrupted; found so far:\n" + soFar.summary());
                out.flush();
            }
        }, "guestram-conform-interrupted");
        Runtime.getRuntime().addShutdownHook(whenStopped);
        ConformanceResult result;
        try {
            result = campaign.run();
        } finally {
            progress.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(whenStopped);
        } catch (IllegalStateException e) {
            return ExitCode.VIOLATION; // shutting down already: the hook reports
        }
        if (printed.compareAndSet(false, true)) {
            out.println(json ? result.toJson() : result.summary());
            out.flush();
        }
        return result.passed() ? ExitCode.OK : ExitCode.VIOLATION;
    }

    private Weights weights() {
        try {
            return weights == null ? Weights.defaults() : Weights.parse(weights);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--weights " + weights + ": " + e.getMessage());
        }
    }
}
