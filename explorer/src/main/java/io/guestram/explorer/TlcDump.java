package io.guestram.explorer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads the state set TLC writes with {@code -dump} (plain or gzipped): blocks that start with
 * {@code State N:} and hold the state's variables as {@code /\ name = value} conjuncts. Each
 * state comes back in the canonical text of {@link TlaValues}, comparable with the explorer's.
 */
public final class TlcDump {

    private TlcDump() {}

    public static Set<String> read(Path file) {
        return read(file, false);
    }

    /**
     * The states of a dump; with {@code viewOnly}, each without {@code last}: the spec's View,
     * what TLC fingerprints under {@code VIEW View} (the dump holds the first state of each view
     * TLC met, whose {@code last} depends on the order of its search).
     */
    public static Set<String> read(Path file, boolean viewOnly) {
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(reader, file.toString(), viewOnly);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the TLC dump: " + e.getMessage());
        }
    }

    static Set<String> parse(BufferedReader reader, String where) throws IOException {
        return parse(reader, where, false);
    }

    static Set<String> parse(BufferedReader reader, String where, boolean viewOnly) throws IOException {
        Set<String> states = new LinkedHashSet<>();
        StringBuilder block = null;
        int blockLine = 0;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.startsWith("State ") && line.endsWith(":")) {
                addState(states, block, where + ":" + blockLine, viewOnly);
                block = new StringBuilder();
                blockLine = lineNumber + 1;
            } else if (block != null) {
                block.append(line).append('\n');
            } else if (!line.isBlank()) {
                throw new ConfigException(where + ":" + lineNumber + ": expected 'State N:' before any state");
            }
        }
        addState(states, block, where + ":" + blockLine, viewOnly);
        return states;
    }

    private static void addState(Set<String> states, StringBuilder block, String where, boolean viewOnly) {
        if (block != null) {
            java.util.Map<String, Object> vars = TlaValues.parseState(block.toString(), where);
            if (viewOnly) {
                vars.remove("last");
            }
            states.add(TlaValues.canonical(vars));
        }
    }
}
