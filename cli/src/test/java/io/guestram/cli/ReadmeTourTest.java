package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's tour is the map of the tree a reader follows: every Maven module of the root pom
 * has its line, and every line names a folder (or file) that exists, so that a module split or
 * renamed without its line fails here rather than in a reader's hands.
 */
class ReadmeTourTest {

    private static final Path ROOT = Path.of("..");

    /** The paths in the first column of the tour table, in order. */
    private static List<String> tour() throws IOException {
        List<String> rows = new ArrayList<>();
        boolean inTour = false;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.equals("| folder | what it holds |")) {
                inTour = true;
            } else if (inTour && !line.startsWith("|")) {
                break;
            } else if (inTour) {
                Matcher m = Pattern.compile("^\\| `([^`]+)` \\|").matcher(line);
                if (m.find()) {
                    rows.add(m.group(1));
                }
            }
        }
        return rows;
    }

    private static Set<String> modules() throws IOException {
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            modules.add(m.group(1) + "/");
        }
        return modules;
    }

    @Test
    void everyModuleHasItsLine() throws IOException {
        Set<String> missing = modules();
        missing.removeAll(tour());
        assertTrue(modules().size() >= 8, "read the modules " + modules());
        assertEquals(Set.of(), missing, "modules of pom.xml without a line in the README's tour");
    }

    @Test
    void everyLineNamesWhatExists() throws IOException {
        List<String> rows = tour();
        assertTrue(rows.size() >= 8, "read the tour " + rows);
        List<String> absent = rows.stream().filter(r -> !Files.exists(ROOT.resolve(r))).toList();
        assertEquals(List.of(), absent, "lines of the README's tour naming nothing in the tree");
    }
}
