package io.guestram.conformance.explore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spec/golden/manifest.json: what TLC found for each configuration, like tlaplus/Examples'
 * manifest: its counts, or, for a configuration that states a promise the profile breaks, the
 * expected violation and the length of its shortest counterexample.
 */
public final class Manifest {

    private final String json;

    private Manifest(String json) {
        this.json = json;
    }

    /** The manifest of a spec folder; an empty one if the folder has none. */
    public static Manifest of(Path specDir) {
        Path file = specDir.resolve("golden").resolve("manifest.json");
        try {
            return new Manifest(Files.isReadable(file) ? Files.readString(file) : "");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    public Optional<Long> distinctStates(String config) {
        return field(config, "distinctStates").map(Long::parseLong);
    }

    /** TLC's "states generated", which the explorer counts as transitions. */
    public Optional<Long> statesGenerated(String config) {
        return field(config, "statesGenerated").map(Long::parseLong);
    }

    /** TLC's depth of the state graph. */
    public Optional<Integer> depth(String config) {
        return field(config, "depth").map(Integer::parseInt);
    }

    /** The invariant or property the configuration is known to violate. */
    public Optional<String> expectedViolation(String config) {
        return field(config, "expectedViolation");
    }

    public Optional<Integer> counterexampleCalls(String config) {
        return field(config, "counterexampleCalls").map(Integer::parseInt);
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

    private Optional<String> field(String config, String name) {
        Matcher object = Pattern.compile("\\{[^{}]*\"config\"\\s*:\\s*\"" + Pattern.quote(config) + "\"[^{}]*\\}")
                .matcher(json);
        if (!object.find()) {
            return Optional.empty();
        }
        Matcher f = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(object.group());
        return f.find() ? Optional.of(f.group(1).strip()) : Optional.empty();
    }
}
