package io.guestram.explorer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Apalache (the distribution named by {@code APALACHE_HOME}, or {@code apalache-mc} on the
 * PATH) on the spec, in a scratch copy of the spec folder, with its output directory there too,
 * so that nothing lands in the repository. guestram never downloads or builds Apalache.
 *
 * <p>What is checked is listed in {@code spec/apalache-checks.txt}: one check a line, the module
 * and the arguments of {@code apalache-mc check}, optionally ending with {@code expect=violation}
 * and {@code slow} (run only by {@code guestram apalache --slow}).
 * Every module named there is type-checked as well: the runs module at 2^64 and every model
 * configuration {@code MC_*} of GuestRam.tla and GuestRamSel4.tla. Those two extend Apalache's
 * standard module for {@code MkSeq}; Apalache brings its own, TLC reads spec/Apalache.tla.
 */
public final class Apalache {

    public static final String HOME_VARIABLE = "APALACHE_HOME";
    public static final String CHECKS_FILE = "apalache-checks.txt";

    private static final Pattern LENGTH = Pattern.compile("--length=(\\d+)");
    private static final Pattern EXITCODE = Pattern.compile("EXITCODE: (OK|ERROR \\((\\d+)\\))");
    private static final Pattern VERSION = Pattern.compile("APALACHE version: (\\S+)");
    /** Apalache's exit code for a violated invariant (and a deadlock, which Next never has). */
    private static final int VIOLATION = 12;

    private final Path executable;

    private Apalache(Path executable) {
        this.executable = executable;
    }

    /** Apalache if {@code APALACHE_HOME} names a distribution or {@code apalache-mc} is on the PATH; empty otherwise. */
    public static Optional<Apalache> fromEnvironment() {
        return find(System.getenv(HOME_VARIABLE), System.getenv("PATH"));
    }

    static Optional<Apalache> find(String home, String path) {
        if (home != null && !home.isBlank()) {
            Path tool = Path.of(home, "bin", "apalache-mc");
            if (!Files.isExecutable(tool)) {
                throw new ConfigException(HOME_VARIABLE + "=" + home + ": no executable bin/apalache-mc there");
            }
            return Optional.of(new Apalache(tool));
        }
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "apalache-mc"))) {
                    return Optional.of(new Apalache(Path.of(dir, "apalache-mc")));
                }
            }
        }
        return Optional.empty();
    }

    /** The one line said wherever Apalache is skipped. */
    public static String skipNotice() {
        return "Apalache not run: set " + HOME_VARIABLE + " to an Apalache distribution (or put apalache-mc on the PATH; "
                + "it needs Java 21+, found through JAVA_HOME) to check the spec symbolically as well";
    }

    /**
     * One line of {@code spec/apalache-checks.txt}: {@code module} checked by {@code apalache-mc
     * check args...}, expected to hold, or to be violated ({@code expect=violation}). A line
     * marked {@code slow} runs only when asked for ({@code guestram apalache --slow}): a check
     * that takes far longer than the others must not make every run of the tool (and CI) wait.
     */
    public record Check(String module, List<String> args, boolean expectViolation, boolean slow) {

        public Check {
            args = List.copyOf(args);
        }

        public Check(String module, List<String> args, boolean expectViolation) {
            this(module, args, expectViolation, false);
        }

        /** The bound on the length, or -1 if the line gives none (Apalache's default, 10). */
        public int length() {
            for (String a : args) {
                Matcher m = LENGTH.matcher(a);
                if (m.matches()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            return -1;
        }

        /** The check with its length lowered to at most {@code max} (a quick run). */
        public Check capped(int max) {
            List<String> capped = new ArrayList<>();
            boolean seen = false;
            for (String a : args) {
                Matcher m = LENGTH.matcher(a);
                if (m.matches()) {
                    seen = true;
                    capped.add("--length=" + Math.min(max, Integer.parseInt(m.group(1))));
                } else {
                    capped.add(a);
                }
            }
            if (!seen) {
                capped.add("--length=" + max);
            }
            return new Check(module, capped, expectViolation, slow);
        }
    }

    /**
     * Reads the checks of a spec folder. Blank lines and {@code #} comments are skipped; a line
     * naming no module of the folder, or giving an option that would write outside the scratch
     * folder, is an error naming the line.
     */
    public static List<Check> checks(Path specDir) throws IOException {
        Path file = specDir.resolve(CHECKS_FILE);
        if (!Files.isReadable(file)) {
            return List.of();
        }
        List<Check> checks = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = CHECKS_FILE + ":" + (i + 1) + ": ";
            List<String> words = new ArrayList<>(List.of(line.split("\\s+")));
            String module = words.remove(0);
            if (!module.matches("[A-Za-z0-9_]+") || !Files.isReadable(specDir.resolve(module + ".tla"))) {
                throw new ConfigException(where + "no module " + module + ".tla in " + specDir);
            }
            boolean violation = words.remove("expect=violation");
            boolean slow = words.remove("slow");
            for (String w : words) {
                if (!w.matches("--(init|next|inv|length|cinit|view|max-error|tuning-options)=[A-Za-z0-9_.,=:]+")) {
                    throw new ConfigException(where + "unsupported argument '" + w
                            + "' (use --init, --next, --inv, --length, --cinit, --view, --max-error, --tuning-options)");
                }
            }
            checks.add(new Check(module, words, violation, slow));
        }
        return checks;
    }

    /** What one run of Apalache reported. */
    public record Result(String module, String command, List<String> args, boolean expectViolation, boolean passed,
            String outcome, String version, double seconds, String output) {

        /** True iff Apalache found what the line expects: no error, or a violation. */
        public boolean asExpected() {
            return expectViolation ? outcome.equals("violation") : passed;
        }

        public String summary() {
            String verdict = passed ? "passed" : outcome.equals("violation") ? "found a violation" : "FAILED (" + outcome + ")";
            return String.format(Locale.ROOT, "%s: Apalache %s %s: %s, %.1f s", module, command, String.join(" ", args),
                    verdict, seconds);
        }

        public String toJson() {
            StringBuilder a = new StringBuilder("[");
            for (int i = 0; i < args.size(); i++) {
                a.append(i > 0 ? ", " : "").append('"').append(args.get(i)).append('"');
            }
            a.append(']');
            return String.format(Locale.ROOT,
                    "{\"module\": \"%s\", \"command\": \"%s\", \"args\": %s, \"expectViolation\": %s, \"passed\": %s, "
                            + "\"outcome\": \"%s\", \"asExpected\": %s, \"apalacheVersion\": \"%s\", \"seconds\": %.3f}",
                    module, command, a, expectViolation, passed, outcome, asExpected(), version, seconds);
        }
    }

    /** Type-checks {@code specDir/<module>.tla}. */
    public Result typecheck(Path specDir, String module) throws IOException, InterruptedException {
        return run(specDir, module, "typecheck", List.of(), false);
    }

    /** Runs {@code apalache-mc check} as the line says. */
    public Result check(Path specDir, Check check) throws IOException, InterruptedException {
        return run(specDir, check.module(), "check", check.args(), check.expectViolation());
    }

    private Result run(Path specDir, String module, String command, List<String> args, boolean expectViolation)
            throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("guestram-apalache");
        try {
            Tlc.copyTlaAndCfg(specDir, scratch);
            List<String> line = new ArrayList<>(List.of(executable.toString(), command, "--out-dir=" + scratch.resolve("out")));
            line.addAll(args);
            line.add(module + ".tla");
            ProcessBuilder builder = new ProcessBuilder(line).directory(scratch.toFile()).redirectErrorStream(true);
            withJavaHome(builder.environment());
            long started = System.nanoTime();
            Process apalache = builder.start();
            String output = new String(apalache.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = apalache.waitFor();
            return parse(module, command, args, expectViolation, exit, output, (System.nanoTime() - started) / 1e9);
        } finally {
            Tlc.deleteTree(scratch);
        }
    }

    /** apalache-mc runs the {@code java} of the PATH: put JAVA_HOME's first, if set. */
    private static void withJavaHome(Map<String, String> env) {
        String home = env.get("JAVA_HOME");
        if (home != null && !home.isBlank()) {
            env.put("PATH", Path.of(home, "bin") + java.io.File.pathSeparator + env.getOrDefault("PATH", ""));
        }
    }

    static Result parse(String module, String command, List<String> args, boolean expectViolation, int exit,
            String output, double seconds) {
        Matcher code = EXITCODE.matcher(output);
        String outcome;
        if (code.find()) {
            outcome = code.group(1).equals("OK") ? "ok"
                    : Integer.parseInt(code.group(2)) == VIOLATION ? "violation" : "error " + code.group(2);
        } else {
            outcome = "no result (exit " + exit + ")";
        }
        boolean passed = exit == 0 && outcome.equals("ok");
        Matcher version = VERSION.matcher(output);
        return new Result(module, command, args, expectViolation, passed, outcome,
                version.find() ? version.group(1) : "?", seconds, output);
    }
}
