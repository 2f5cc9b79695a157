package io.guestram.trace.fuzz;

import io.guestram.Profile;
import io.guestram.call.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A seeded fuzzer for guestram's parsers. A {@link Target} parses one input (and, where a writer
 * exists, checks that what it parsed round-trips); its oracle accepts a throwable only if it is the
 * parser's documented input error, naming where and what. Anything else (a NullPointerException,
 * an index out of bounds, a leaked NumberFormatException, a StackOverflowError, a failed round
 * trip) is a {@link Crash}.
 */
public final class Fuzzer {

    /** How many mutated inputs a test tries per target unless {@code -Dguestram.fuzz.inputs=N} says otherwise. */
    public static final long DEFAULT_INPUTS = 1000;

    private Fuzzer() {}

    /** One parser under test: what to do with an input, and which throwables are its input errors. */
    public record Target(String name, Parse parse, Documented documented) {}

    /** Parses (and round-trips) one input; throws what the parser throws. */
    public interface Parse {
        void run(String input) throws Exception;
    }

    /** True iff {@code thrown} is the parser's documented answer to {@code input}. */
    public interface Documented {
        boolean test(String input, Throwable thrown);
    }

    /** An input the target failed on other than with its documented input error. */
    public record Crash(String input, Throwable thrown) {
        public String describe() {
            String text = input.length() > 300 ? input.substring(0, 300) + "... (" + input.length() + " chars)" : input;
            StackTraceElement[] at = thrown.getStackTrace();
            return thrown + (at.length > 0 ? " at " + at[0] : "") + "\n  input: " + text.replace("\n", "\\n");
        }
    }

    /** What a campaign found: the number of inputs tried and each distinct crash (by exception and place). */
    public record Report(String target, long inputs, List<Crash> crashes) {
        public String summary() {
            StringBuilder s = new StringBuilder(target + ": " + inputs + " inputs, " + crashes.size() + " distinct crashes");
            crashes.forEach(c -> s.append("\n- ").append(c.describe()));
            return s.toString();
        }
    }

    /**
     * An input error of exactly one of {@code types} whose message matches {@code where} (the line,
     * offset or command it names) and whose causes are of those types too.
     */
    public static Documented inputError(Set<Class<? extends Throwable>> types, Pattern where) {
        return (input, thrown) -> {
            if (thrown.getMessage() == null || !where.matcher(thrown.getMessage()).find()) {
                return false;
            }
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                if (!types.contains(t.getClass())) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * True for a valid call whose cost is the model's, not the parser's, so that a replay of it tells
     * nothing about the parser: a touch or read of more than 2^16 bytes (a touch of 2^64 bytes makes
     * 2^52 callbacks) and, in profile sel4, a registration of more than 2^24 bytes (libsel4vm
     * reserves page by page).
     */
    public static boolean costly(Call call, Profile profile) {
        long size = call instanceof Call.Touch t ? t.size() >>> 16
                : call instanceof Call.Read r ? r.size() >>> 16
                : profile != Profile.SEL4 ? 0
                : call instanceof Call.RegisterAt r ? r.size() >>> 24
                : call instanceof Call.Register r ? r.size() >>> 24 : 0;
        return size != 0;
    }

    /** Runs {@code target} on one input; a crash, or null if it parsed or failed as documented. */
    public static Crash check(Target target, String input) {
        try {
            target.parse().run(input);
            return null;
        } catch (StackOverflowError | Exception | AssertionError e) {
            return target.documented().test(input, e) ? null : new Crash(input, e);
        }
    }

    /** Tries {@code inputs} mutations of {@code seeds} from the random seed {@code seed}. */
    public static Report run(Target target, List<String> seeds, long inputs, long seed) {
        Mutator mutator = new Mutator(seed, seeds);
        Map<String, Crash> distinct = new LinkedHashMap<>();
        for (long i = 0; i < inputs; i++) {
            Crash crash = check(target, mutator.next());
            if (crash != null) {
                StackTraceElement[] at = crash.thrown().getStackTrace();
                distinct.putIfAbsent(crash.thrown().getClass().getName() + (at.length > 0 ? at[0] : ""), crash);
            }
        }
        return new Report(target.name(), inputs, new ArrayList<>(distinct.values()));
    }

    /** Checks every input of {@code corpus} (at least its two seeds); throws an AssertionError naming the first crash. */
    public static void regression(Target target, Path corpus) {
        List<String> inputs = corpus(corpus);
        if (inputs.size() < 2) {
            throw new AssertionError(corpus + " holds fewer than two inputs");
        }
        for (String input : inputs) {
            Crash crash = check(target, input);
            if (crash != null) {
                throw new AssertionError(target.name() + " crashed on a corpus input: " + crash.describe(), crash.thrown());
            }
        }
    }

    /**
     * Runs {@link #inputs()} mutations of {@code corpus} from the fixed seed 1, so that every build
     * tries the same inputs, then as many again from a fresh seed, printed with how to replay it, so
     * that each build also tries inputs no build tried before. With {@code -Dguestram.fuzz.seed=S}
     * it runs seed S alone (a replay). Prints each summary and writes each crash's input to
     * target/fuzz-crashes/TARGET/; throws an AssertionError naming the seed if any crashed.
     */
    public static Report campaign(Target target, Path corpus) {
        List<String> seeds = corpus(corpus);
        Long replay = Long.getLong(SEED_PROPERTY);
        List<Long> randomSeeds = replay != null ? List.of(replay) : List.of(1L, freshSeed());
        Report last = null;
        for (long seed : randomSeeds) {
            Report report = run(target, seeds, inputs(), seed);
            String replayHint = " (seed " + seed + ", replay with -D" + SEED_PROPERTY + "=" + seed + ")";
            System.out.println(report.summary() + replayHint);
            save(report, Path.of("target", "fuzz-crashes", target.name()));
            if (!report.crashes().isEmpty()) {
                throw new AssertionError(report.summary() + replayHint, report.crashes().get(0).thrown());
            }
            last = report;
        }
        return last;
    }

    /** The system property that replays one seed. */
    public static final String SEED_PROPERTY = "guestram.fuzz.seed";

    /** A seed no earlier build is likely to have used. */
    static long freshSeed() {
        return new java.security.SecureRandom().nextLong();
    }

    /** The inputs of a corpus directory, one per file, in name order. */
    public static List<String> corpus(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> inputs = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                inputs.add(Files.readString(file, StandardCharsets.UTF_8));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes each crash's input to {@code directory}/crash-N.txt, so that it can join the corpus. */
    static void save(Report report, Path directory) {
        try {
            Files.createDirectories(directory);
            for (int i = 0; i < report.crashes().size(); i++) {
                Files.writeString(directory.resolve("crash-" + i + ".txt"), report.crashes().get(i).input(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of inputs per target: {@code -Dguestram.fuzz.inputs=N}, else {@link #DEFAULT_INPUTS}. */
    public static long inputs() {
        return Long.getLong("guestram.fuzz.inputs", DEFAULT_INPUTS);
    }

}
