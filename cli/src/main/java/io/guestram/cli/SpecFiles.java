package io.guestram.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where the spec comes from: a folder the user names, or the copy of spec/ embedded in the
 * guestram jar (unpacked once into a scratch folder, so that TLC and the explorer read files).
 */
final class SpecFiles {

    private static final String EMBEDDED = "spec/";

    private SpecFiles() {}

    /** The spec folder: {@code chosen} if given, else the embedded spec. */
    static Path directory(Path chosen) throws IOException {
        if (chosen != null) {
            if (!Files.isDirectory(chosen)) {
                throw new UsageException("--spec " + chosen + ": no such folder");
            }
            return chosen;
        }
        Path scratch = Files.createTempDirectory("guestram-spec");
        scratch.toFile().deleteOnExit();
        for (String name : embeddedNames()) {
            try (InputStream in = SpecFiles.class.getClassLoader().getResourceAsStream(EMBEDDED + name)) {
                Path file = scratch.resolve(name);
                Files.createDirectories(file.getParent());
                file.getParent().toFile().deleteOnExit();
                Files.copy(in, file);
                file.toFile().deleteOnExit();
            }
        }
        return scratch;
    }

    /** The model configurations {@code MC_*.cfg} of a spec folder, by name. */
    static List<Path> configurations(Path specDir) throws IOException {
        try (Stream<Path> files = Files.list(specDir)) {
            List<Path> configs = files.filter(f -> f.getFileName().toString().matches("MC_.*\\.cfg")).sorted().toList();
            if (configs.isEmpty()) {
                throw new UsageException(specDir + ": no model configuration MC_*.cfg");
            }
            return configs;
        }
    }

    private static List<String> embeddedNames() throws IOException {
        Path location;
        try {
            location = Path.of(SpecFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the guestram jar", e);
        }
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            Path root = location.resolve(EMBEDDED);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).forEach(f -> names.add(root.relativize(f).toString()));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                    if (e.getName().startsWith(EMBEDDED) && !e.isDirectory()) {
                        names.add(e.getName().substring(EMBEDDED.length()));
                    }
                }
            }
        }
        return names;
    }
}
