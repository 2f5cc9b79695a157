package io.guestram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The JSON Schemas of the commands' output, docs/schemas/*.schema.json, and validation against them. */
public final class Schemas {

    /** The folder, from a module's directory (where Maven runs the tests). */
    public static final Path DIR = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();

    /** The schemas' $id prefix: their $ref between files resolve against it. */
    private static final String ID = "https://guestram.io/schemas/";

    /** Reads every schema from {@link #DIR}, never from the network. */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(Schemas::read));

    private Schemas() {}

    private static String read(String iri) {
        if (!iri.startsWith(ID)) {
            return null;
        }
        try {
            return Files.readString(DIR.resolve(iri.substring(ID.length())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with every error the validator names when {@code json} does not satisfy {@code <command>.schema.json}. */
    public static void assertValid(String command, String json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID + command + ".schema.json"));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), command + ": " + json);
    }
}
