package io.guestram.explorer;

import io.guestram.Config;
import io.guestram.Profile;
import io.guestram.Window;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A TLC model configuration ({@code spec/MC_<name>.cfg}) as the explorer reads it: the constants
 * {@code Limit}, {@code PageSize}, {@code Windows} and {@code ByteValues} given as plain values,
 * whether TLC fingerprints the spec's {@code View} (the state without {@code last}: {@code VIEW
 * View}), and the names of the invariants and properties to check. Only the subset of the .cfg
 * language that guestram's configurations use is accepted; anything else is an error naming
 * file:line.
 */
public record ModelConfig(String name, Config config, int byteValues, boolean view, List<String> invariants,
        List<String> properties) {

    /** The view the specs define: every variable but {@code last}. */
    public static final String VIEW = "View";

    /** The byte values the explorer can write: a Java byte holds 256. */
    public static final int MAX_BYTE_VALUES = 256;

    private static final Set<String> KEYWORDS = Set.of(
            "CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS",
            "PROPERTY", "PROPERTIES", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "CONSTRAINT", "CONSTRAINTS");

    public ModelConfig {
        invariants = List.copyOf(invariants);
        properties = List.copyOf(properties);
        if (byteValues < 1 || byteValues > MAX_BYTE_VALUES) {
            throw new ConfigException(name + ": ByteValues must be between 1 and " + MAX_BYTE_VALUES + ", not " + byteValues);
        }
    }

    /** A configuration with one byte value, fingerprinted by its view, checking nothing. */
    public ModelConfig(String name, Config config, List<String> invariants, List<String> properties) {
        this(name, config, 1, true, invariants, properties);
    }

    public static ModelConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (MalformedInputException e) {
            throw new ConfigException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        String name = file.getFileName().toString().replaceFirst("\\.cfg$", "");
        return parse(name, text, file.toString(), profileOf(file.resolveSibling(name + ".tla")));
    }

    /**
     * The profile a configuration checks, read from its companion MC module: one that extends
     * GuestRamSel4 checks profile sel4; anything else (or no module) profile spec.
     */
    static Profile profileOf(Path module) {
        try {
            boolean sel4 = Files.isReadable(module)
                    && Files.readAllLines(module).stream().anyMatch(l -> l.matches("\\s*EXTENDS\\b.*\\bGuestRamSel4\\b.*"));
            return sel4 ? Profile.SEL4 : Profile.SPEC;
        } catch (IOException e) {
            throw new ConfigException(module + ": cannot read: " + e.getMessage());
        }
    }

    /** Parses .cfg text of profile spec; {@code where} names the source in error messages. */
    public static ModelConfig parse(String name, String text, String where) {
        return parse(name, text, where, Profile.SPEC);
    }

    /** Parses .cfg text for a profile; {@code where} names the source in error messages. */
    public static ModelConfig parse(String name, String text, String where, Profile profile) {
        Map<String, Object> constants = new LinkedHashMap<>();
        Map<String, String> lineOf = new LinkedHashMap<>();
        List<String> invariants = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        boolean view = false;
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String at = where + ":" + (i + 1);
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            String first = line.split("\\s+", 2)[0];
            if (KEYWORDS.contains(first)) {
                section = first.replaceFirst("S$", "").replace("PROPERTIE", "PROPERTY");
                line = line.substring(first.length()).strip();
                if (line.isEmpty()) {
                    continue;
                }
            }
            if (section == null) {
                throw new ConfigException(at + ": '" + line + "' comes before any section keyword");
            }
            switch (section) {
                case "CONSTANT" -> lineOf.put(constant(line, at, constants), at);
                case "INVARIANT" -> invariants.addAll(List.of(line.split("\\s+")));
                case "PROPERTY" -> properties.addAll(List.of(line.split("\\s+")));
                case "VIEW" -> {
                    if (!line.equals(VIEW)) {
                        throw new ConfigException(at + ": VIEW " + line + ": the explorer knows only the specs' VIEW " + VIEW);
                    }
                    view = true;
                }
                default -> { } // INIT, NEXT, SPECIFICATION ...: the explorer always explores Init/Next.
            }
        }
        Config config = toConfig(constants, lineOf, where, profile);
        long byteValues = number(constants, "ByteValues", lineOf.getOrDefault("ByteValues", where));
        if (byteValues < 1 || byteValues > MAX_BYTE_VALUES) {
            throw new ConfigException(lineOf.getOrDefault("ByteValues", where) + ": ByteValues must be between 1 and "
                    + MAX_BYTE_VALUES + ", not " + byteValues);
        }
        return new ModelConfig(name, config, (int) byteValues, view, invariants,
                properties);
    }

    private static String stripComment(String line) {
        int comment = line.indexOf("\\*");
        return comment < 0 ? line : line.substring(0, comment);
    }

    /** Reads {@code Name = value} into {@code constants}; returns the name. */
    private static String constant(String line, String at, Map<String, Object> constants) {
        if (line.contains("<-")) {
            throw new ConfigException(at + ": '" + line + "': give the constant as a plain value (Name = value), not a substitution");
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(at + ": '" + line + "': expected Name = value");
        }
        String key = line.substring(0, eq).strip();
        if (constants.containsKey(key)) {
            throw new ConfigException(at + ": constant " + key + " is given twice");
        }
        constants.put(key, TlaValues.parse(line.substring(eq + 1), at));
        return key;
    }

    private static Config toConfig(Map<String, Object> constants, Map<String, String> lineOf, String where,
            Profile profile) {
        Set<String> unknown = new TreeSet<>(constants.keySet());
        unknown.removeAll(Set.of("Limit", "PageSize", "Windows", "ByteValues"));
        if (!unknown.isEmpty()) {
            throw new ConfigException(where + ": unknown constants " + unknown
                    + " (expected Limit, PageSize, Windows, ByteValues)");
        }
        long limit = number(constants, "Limit", lineOf.getOrDefault("Limit", where));
        long pageSize = number(constants, "PageSize", lineOf.getOrDefault("PageSize", where));
        List<Window> windows = windows(required(constants, "Windows", where), lineOf.getOrDefault("Windows", where));
        try {
            return Config.bounded(profile, limit, pageSize, windows);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + ": " + e.getMessage());
        }
    }

    private static Object required(Map<String, Object> constants, String key, String where) {
        Object value = constants.get(key);
        if (value == null) {
            throw new ConfigException(where + ": constant " + key + " is missing");
        }
        return value;
    }

    private static long number(Map<String, Object> constants, String key, String where) {
        if (required(constants, key, where) instanceof Long n && n >= 0) {
            return n;
        }
        throw new ConfigException(where + ": " + key + " must be a natural number, not " + TlaValues.canonical(constants.get(key)));
    }

    /** Windows is a set of sets of addresses, each a contiguous interval. */
    private static List<Window> windows(Object value, String where) {
        String problem = where + ": Windows must be a set of contiguous sets of addresses, like {{0, 1}, {3, 4, 5}}";
        if (!(value instanceof Set<?> outer)) {
            throw new ConfigException(problem);
        }
        List<Window> windows = new ArrayList<>();
        for (Object inner : outer) {
            if (!(inner instanceof Collection<?> addresses) || addresses.isEmpty() || !(inner instanceof Set<?>)) {
                throw new ConfigException(problem);
            }
            TreeSet<Long> sorted = new TreeSet<>();
            for (Object a : addresses) {
                if (!(a instanceof Long n) || n < 0) {
                    throw new ConfigException(problem);
                }
                sorted.add(n);
            }
            if (sorted.last() - sorted.first() + 1 != sorted.size()) {
                throw new ConfigException(where + ": window " + TlaValues.canonical(inner) + " is not contiguous");
            }
            windows.add(new Window(sorted.first(), sorted.last()));
        }
        windows.sort((a, b) -> Long.compare(a.first(), b.first()));
        return windows;
    }
}
