package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two production source files of any module import each other, directly or round a circle
 * (classes of one package that use each other without imports, such as a sealed interface and
 * its cases, are one unit and not counted). Reads the sources of every module beside cli.
 */
class NoImportCyclesTest {

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);

    /** Fully qualified class -> the project's classes it imports. */
    private static Map<String, Set<String>> imports() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of(".."))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/") && !p.toString().contains("/examples/")).toList()) {
                String text = Files.readString(f);
                Matcher m = PACKAGE.matcher(text);
                String name = f.getFileName().toString().replaceFirst("\\.java$", "");
                sources.put((m.find() ? m.group(1) + "." : "") + name, text);
            }
        }
        Map<String, Set<String>> edges = new TreeMap<>();
        sources.forEach((cls, text) -> {
            Set<String> to = new TreeSet<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                while (!sources.containsKey(target) && target.contains(".")) {
                    target = target.substring(0, target.lastIndexOf('.')); // a nested class or a static member
                }
                if (sources.containsKey(target) && !target.equals(cls)) {
                    to.add(target);
                }
            }
            edges.put(cls, to);
        });
        return edges;
    }

    @Test
    void noCycles() throws IOException {
        Map<String, Set<String>> edges = imports();
        assertTrue(edges.size() > 100, "read " + edges.size() + " source files");
        assertEquals(List.of(), cycles(edges));
    }

    /** Tarjan's strongly connected components of more than one class. */
    private static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> found = new ArrayList<>();
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                visit(v, edges, index, low, stack, found);
            }
        }
        return found;
    }

    private static void visit(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, List<Set<String>> found) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        for (String w : edges.get(v)) {
            if (!index.containsKey(w)) {
                visit(w, edges, index, low, stack, found);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> component = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                component.add(w);
            } while (!w.equals(v));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
