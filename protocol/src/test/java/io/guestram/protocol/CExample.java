package io.guestram.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** examples/guestram_example.c for the tests that compile it: where it is, and gcc. */
final class CExample {

    private CExample() {}

    /** The source, found above the working directory; the calling test is skipped without gcc. */
    static Path sourceOrSkip(String test) {
        Path source = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && source == null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/guestram_example.c"))) {
                source = p.resolve("examples/guestram_example.c");
            }
        }
        assertNotNull(source, "examples/guestram_example.c not found above " + Path.of("").toAbsolutePath());
        boolean gcc;
        try {
            gcc = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            gcc = false;
        }
        if (!gcc) {
            System.out.println(test + " skipped: gcc is not installed");
        }
        Assumptions.assumeTrue(gcc, "gcc is not installed");
        return source;
    }

    /** Compiles {@code source} with {@code flags} (warnings are errors) into {@code dir/name}. */
    static Path compile(Path source, Path dir, String name, String... flags) throws IOException, InterruptedException {
        Path binary = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("gcc", "-O2", "-std=c11", "-Wall", "-Wextra", "-Werror"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-o", binary.toString(), source.toString()));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), String.join(" ", command) + " failed:\n" + output);
        return binary;
    }
}
