package io.guestram.explorer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * spec/golden/manifest.json: what TLC found for each configuration, like tlaplus/Examples'
 * manifest, and the SHA-256 of every .tla and .cfg it was made from. For a passing
 * configuration it holds TLC's counts (distinct states of the view, states generated, depth, and
 * the states each action generated); for one that states a promise the profile breaks, the
 * expected violation and the length of its shortest counterexample; a configuration marked
 * {@code explorerOnly} is beyond TLC's comfortable reach and its counts are the explorer's.
 * Read with the project's JSON reader; {@code ./guestram tlc --update} writes it.
 */
public final class Manifest {

    /** The command that regenerates the dumps, the counterexamples and this manifest. */
    public static final String REGENERATE = "./guestram tlc --update (with TLA2TOOLS_JAR set)";

    /** One configuration's record. Absent figures are empty. */
    public record Entry(String config, Optional<Long> distinctStates, Optional<Long> statesGenerated,
            Optional<Integer> depth, Map<String, Long> transitionsByAction, Optional<String> expectedViolation,
            Optional<Integer> counterexampleCalls, boolean explorerOnly, Optional<Double> tlcSeconds,
            Optional<Double> tlcCpuSeconds, Optional<Double> explorerSeconds) {

        public Entry {
            transitionsByAction = java.util.Collections.unmodifiableMap(new TreeMap<>(transitionsByAction));
        }

        /** The figures as JSON, in a fixed order. */
        String toJson() {
            List<String> fields = new ArrayList<>();
            fields.add("\"config\": " + Json.quote(config));
            if (explorerOnly) {
                fields.add("\"explorerOnly\": true");
            }
            expectedViolation.ifPresent(v -> fields.add("\"expectedViolation\": " + Json.quote(v)));
            counterexampleCalls.ifPresent(n -> fields.add("\"counterexampleCalls\": " + n));
            distinctStates.ifPresent(n -> fields.add("\"distinctStates\": " + n));
            statesGenerated.ifPresent(n -> fields.add("\"statesGenerated\": " + n));
            depth.ifPresent(n -> fields.add("\"depth\": " + n));
            if (!transitionsByAction.isEmpty()) {
                List<String> actions = new ArrayList<>();
                transitionsByAction.forEach((op, n) -> actions.add(Json.quote(op) + ": " + n));
                fields.add("\"transitionsByAction\": {" + String.join(", ", actions) + "}");
            }
            tlcSeconds.ifPresent(s -> fields.add(String.format(Locale.ROOT, "\"tlcSeconds\": %.1f", s)));
            tlcCpuSeconds.ifPresent(s -> fields.add(String.format(Locale.ROOT, "\"tlcCpuSeconds\": %.1f", s)));
            explorerSeconds.ifPresent(s -> fields.add(String.format(Locale.ROOT, "\"explorerSeconds\": %.1f", s)));
            return "{" + String.join(", ", fields) + "}";
        }
    }

    private final String tlcVersion;
    private final Map<String, String> sources;
    private final Map<String, Entry> entries;

    public Manifest(String tlcVersion, Map<String, String> sources, List<Entry> entries) {
        this.tlcVersion = tlcVersion;
        this.sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.config(), e));
        this.entries = java.util.Collections.unmodifiableMap(byName);
    }

    /** The manifest of a spec folder; an empty one if the folder has none. */
    public static Manifest of(Path specDir) {
        Path file = file(specDir);
        if (!Files.isReadable(file)) {
            return new Manifest("", Map.of(), List.of());
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    public static Path file(Path specDir) {
        return specDir.resolve("golden").resolve("manifest.json");
    }

    /** Parses manifest text; {@code where} names it in errors. */
    public static Manifest parse(String text, String where) {
        try {
            Map<?, ?> root = map(Json.parse(text), "the manifest");
            Map<String, String> sources = new TreeMap<>();
            map(root.get("sources"), "sources").forEach((k, v) -> sources.put((String) k, (String) v));
            List<Entry> entries = new ArrayList<>();
            for (Object o : list(root.get("configurations"), "configurations")) {
                Map<?, ?> m = map(o, "a configuration");
                Map<String, Long> actions = new TreeMap<>();
                if (m.get("transitionsByAction") != null) {
                    map(m.get("transitionsByAction"), "transitionsByAction")
                            .forEach((k, v) -> actions.put((String) k, number(v, (String) k)));
                }
                entries.add(new Entry(text(m.get("config"), "config"),
                        optionalNumber(m, "distinctStates"), optionalNumber(m, "statesGenerated"),
                        optionalNumber(m, "depth").map(Math::toIntExact), actions,
                        Optional.ofNullable((String) m.get("expectedViolation")),
                        optionalNumber(m, "counterexampleCalls").map(Math::toIntExact),
                        Boolean.TRUE.equals(m.get("explorerOnly")), seconds(m, "tlcSeconds"),
                        seconds(m, "tlcCpuSeconds"), seconds(m, "explorerSeconds")));
            }
            return new Manifest((String) root.get("tlcVersion"), sources, entries);
        } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
            throw new ConfigException(where + ": not a guestram manifest: " + e.getMessage());
        }
    }

    public String toJson() {
        List<String> src = new ArrayList<>();
        sources.forEach((f, h) -> src.add("    " + Json.quote(f) + ": " + Json.quote(h)));
        List<String> configs = new ArrayList<>();
        entries.values().forEach(e -> configs.add("    " + e.toJson()));
        return "{\n  \"tlcVersion\": " + Json.quote(tlcVersion == null ? "" : tlcVersion) + ",\n"
                + "  \"regenerate\": " + Json.quote(REGENERATE) + ",\n"
                + "  \"sources\": {\n" + String.join(",\n", src) + "\n  },\n"
                + "  \"configurations\": [\n" + String.join(",\n", configs) + "\n  ]\n}\n";
    }

    public String tlcVersion() {
        return tlcVersion;
    }

    public Map<String, String> sources() {
        return sources;
    }

    public Optional<Entry> entry(String config) {
        return Optional.ofNullable(entries.get(config));
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Long> distinctStates(String config) {
        return entry(config).flatMap(Entry::distinctStates);
    }

    /** TLC's "states generated", which the explorer counts as transitions. */
    public Optional<Long> statesGenerated(String config) {
        return entry(config).flatMap(Entry::statesGenerated);
    }

    /** TLC's depth of the state graph. */
    public Optional<Integer> depth(String config) {
        return entry(config).flatMap(Entry::depth);
    }

    /** The invariant or property the configuration is known to violate. */
    public Optional<String> expectedViolation(String config) {
        return entry(config).flatMap(Entry::expectedViolation);
    }

    public Optional<Integer> counterexampleCalls(String config) {
        return entry(config).flatMap(Entry::counterexampleCalls);
    }

    /** True iff the configuration is checked by the explorer only (TLC skips it). */
    public boolean explorerOnly(String config) {
        return entry(config).map(Entry::explorerOnly).orElse(false);
    }

    /** True iff the exploration found what the manifest expects: nothing, or the expected violation. */
    public boolean expected(Exploration e) {
        return expected(e.config(), e.holds() ? Optional.empty() : Optional.of(e.violations().get(0).property()));
    }

    /** True iff TLC found what the manifest expects: nothing, or the expected violation. */
    public boolean expected(Tlc.Result r) {
        return expected(r.config(), r.passed() ? Optional.empty()
                : Optional.of(r.violated().orElse("(TLC failed without naming a violated property)")));
    }

    private boolean expected(String config, Optional<String> violated) {
        return violated.equals(expectedViolation(config));
    }

    /**
     * Every figure of the manifest the exploration disagrees with, each named (empty: it agrees on
     * all): the verdict, and the counts or the counterexample's length.
     */
    public List<String> disagreements(Exploration e) {
        String found = e.holds() ? "none" : "a violation of " + e.violations().get(0).property();
        int calls = e.holds() ? -1 : e.violations().get(0).path().size();
        return disagreements(e.config(), "the explorer", expected(e), found, calls,
                new Counts(e.distinctStates(), e.statesGenerated(), e.depth(), e.transitionsByAction()));
    }

    /** Every figure of the manifest TLC's run disagrees with (empty: it agrees on all). */
    public List<String> disagreements(Tlc.Result r) {
        String found = r.passed() ? "none" : r.violated().map(v -> "a violation of " + v).orElse("an error");
        // TLC's trace counts states, the initial one included.
        return disagreements(r.config(), "TLC", expected(r), found, r.traceStates() - 1,
                new Counts(r.distinctStates(), r.statesGenerated(), r.depth(), r.transitionsByAction()));
    }

    /** What a checker counted for a passing configuration. */
    private record Counts(long distinctStates, long statesGenerated, int depth, Map<String, Long> byAction) {}

    private List<String> disagreements(String config, String who, boolean asExpected, String found, int calls,
            Counts counts) {
        Optional<Entry> entry = entry(config);
        if (entry.isEmpty()) {
            return List.of(config + " is not in the manifest: regenerate it with " + REGENERATE);
        }
        Entry m = entry.get();
        List<String> out = new ArrayList<>();
        if (!asExpected) {
            out.add(config + ": expected " + m.expectedViolation().map(v -> "a violation of " + v).orElse("no violation")
                    + ", " + who + " found " + found);
        } else if (m.expectedViolation().isPresent()) {
            compare(out, config, "counterexampleCalls", m.counterexampleCalls(), calls);
        } else {
            compare(out, config, "distinctStates", m.distinctStates(), counts.distinctStates());
            compare(out, config, "statesGenerated", m.statesGenerated(), counts.statesGenerated());
            compare(out, config, "depth", m.depth(), counts.depth());
            if (!m.transitionsByAction().equals(counts.byAction())) {
                out.add(config + ": transitionsByAction: the manifest has " + m.transitionsByAction()
                        + ", " + who + " " + counts.byAction());
            }
        }
        return out;
    }

    private static void compare(List<String> out, String config, String figure, Optional<? extends Number> recorded,
            long actual) {
        if (recorded.isEmpty() || recorded.get().longValue() != actual) {
            out.add(config + ": " + figure + ": the manifest has " + recorded.map(String::valueOf).orElse("nothing")
                    + ", found " + actual);
        }
    }

    /**
     * The spec's .tla and .cfg files whose text is not what the manifest was made from, each as
     * a message naming the file and the command that regenerates the data (empty: all current).
     */
    public List<String> staleSources(Path specDir) {
        Map<String, String> now = hashes(specDir);
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> f : now.entrySet()) {
            String recorded = sources.get(f.getKey());
            if (recorded == null) {
                stale.add("spec/" + f.getKey() + " is new since spec/golden/manifest.json was made");
            } else if (!recorded.equals(f.getValue())) {
                stale.add("spec/" + f.getKey() + " changed since spec/golden/manifest.json was made (its SHA-256 differs)");
            }
        }
        for (String f : sources.keySet()) {
            if (!now.containsKey(f)) {
                stale.add("spec/" + f + " is in spec/golden/manifest.json but no longer in spec/");
            }
        }
        return stale.stream().map(s -> s + ": the golden dumps, counterexamples and manifest are stale; regenerate them with "
                + REGENERATE).toList();
    }

    /** The SHA-256 of every .tla and .cfg directly in the spec folder, by file name. */
    public static Map<String, String> hashes(Path specDir) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(specDir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (name.endsWith(".tla") || name.endsWith(".cfg")) {
                    hashes.put(name, sha256(Files.readAllBytes(f)));
                }
            }
        } catch (IOException e) {
            throw new ConfigException(specDir + ": cannot read: " + e.getMessage());
        }
        return hashes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static Map<?, ?> map(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what + " must be a JSON object");
    }

    private static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(what + " must be a JSON array");
    }

    private static String text(Object o, String what) {
        if (o instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + " must be a string");
    }

    private static long number(Object o, String what) {
        if (o instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException(what + " must be an integer, not " + o);
    }

    private static Optional<Long> optionalNumber(Map<?, ?> m, String key) {
        return m.get(key) == null ? Optional.empty() : Optional.of(number(m.get(key), key));
    }

    private static Optional<Double> seconds(Map<?, ?> m, String key) {
        Object o = m.get(key);
        return o instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }
}
