package io.guestram.conformance.report;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.call.CReturn;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.explore.ConfigException;
import io.guestram.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a trace file (docs/trace-format.md) against the reference model line by line, holding
 * only the model, so that a trace of any length runs in the model's memory. The first line whose
 * recorded result the model does not give is the divergence; the memory map before it comes from
 * a second pass up to that line, so that the first pass keeps no history.
 */
public final class TraceReplay {

    /** What a replay found. */
    public record Result(Path file, long calls, Optional<String> divergence, double seconds) {

        public double callsPerSecond() {
            return seconds > 0 ? calls / seconds : 0;
        }

        public String toJson() {
            return String.format(Locale.ROOT, "{\"file\": %s, \"calls\": %d, \"divergent\": %s, \"divergence\": %s, "
                    + "\"seconds\": %.3f, \"callsPerSecond\": %.0f}", Json.quote(file.toString()), calls,
                    divergence.isPresent(), divergence.map(Json::quote).orElse("null"), seconds, callsPerSecond());
        }

        public String summary() {
            return String.format(Locale.ROOT, "%s: %d calls in %.2f s (%.0f calls/s): %s", file, calls, seconds,
                    callsPerSecond(), divergence.orElse("every result is the model's"));
        }
    }

    private TraceReplay() {}

    /** Replays {@code file}; {@code profile}, if given, overrides the trace's own. */
    public static Result replay(Path file, Optional<Profile> profile) throws IOException {
        long started = System.nanoTime();
        long[] calls = {0};
        Optional<Long> divergentLine = walk(file, profile, Long.MAX_VALUE, (line, ram, step, outcome) -> {
            calls[0]++;
            return !agree(ram.config().profile(), step, outcome);
        }).stoppedAt();
        Optional<String> divergence = divergentLine.map(n -> describe(file, profile, n));
        return new Result(file, calls[0], divergence, (System.nanoTime() - started) / 1e9);
    }

    /** Sees each replayed call; returns true to stop there. */
    private interface Step {
        boolean stop(long line, GuestRam ram, JsonTrace.Line step, Outcome outcome);
    }

    /** Where a walk stopped, if {@code step} stopped it, and the model as it was left. */
    private record Walk(Optional<Long> stoppedAt, GuestRam ram) {}

    /** Replays up to line {@code until}, or to where {@code step} stops it. */
    private static Walk walk(Path file, Optional<Profile> profile, long until, Step step) throws IOException {
        GuestRam ram = null;
        long number = 0;
        try (TraceLines in = new TraceLines(Files.newInputStream(file))) {
            for (String raw = in.next(); raw != null && number < until; raw = in.next()) {
                number++;
                if (raw.isBlank()) {
                    continue;
                }
                Map<String, Object> object = object(raw, file, number);
                if (object.containsKey("config")) {
                    ram = model(object, profile, file, number);
                    continue;
                }
                if (ram == null) {
                    throw new ConfigException(file + ":" + number + ": the first line must be the config line");
                }
                JsonTrace.Line line = parse(object, file, number);
                if (step.stop(number, ram, line, line.action().call().apply(ram))) {
                    return new Walk(Optional.of(number), ram);
                }
            }
        } catch (TraceLines.BadLine e) {
            throw new ConfigException(file + ":" + (number + 1) + ": " + e.getMessage());
        }
        if (ram == null) {
            throw new ConfigException(file + ": no config line");
        }
        return new Walk(Optional.empty(), ram);
    }

    private static boolean agree(Profile profile, JsonTrace.Line line, Outcome outcome) {
        Call call = line.action().call();
        return CReturn.comparable(profile, call, outcome).equals(CReturn.comparable(profile, call, line.expect()));
    }

    private static String describe(Path file, Optional<Profile> profile, long divergent) {
        StringBuilder s = new StringBuilder();
        try {
            GuestRam before = walk(file, profile, divergent - 1, (number, ram, line, outcome) -> false).ram();
            String map = before.memoryMap().toString();
            walk(file, profile, divergent, (number, ram, line, outcome) -> {
                if (number == divergent) {
                    s.append(file).append(':').append(number).append(": ").append(line.action().call().java())
                            .append(" recorded ").append(line.expect()).append(", the model gives ").append(outcome);
                }
                return false;
            });
            s.append("\n  memory map before it: ").append(map);
        } catch (IOException e) {
            s.append(" (cannot re-read the file: ").append(e.getMessage()).append(')');
        }
        return s.toString();
    }

    private static GuestRam model(Map<String, Object> object, Optional<Profile> profile, Path file, long number) {
        try {
            Config config = JsonTrace.parseConfig(object.get("config"));
            return Models.reference(profile.map(config::withProfile).orElse(config));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ":" + number + ": bad config line: " + e.getMessage());
        }
    }

    private static JsonTrace.Line parse(Map<String, Object> object, Path file, long number) {
        try {
            return JsonTrace.parseLine(object);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ":" + number + ": " + e.getMessage());
        }
    }

    private static Map<String, Object> object(String raw, Path file, long number) {
        try {
            return JsonTrace.object(raw);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ":" + number + ": " + e.getMessage());
        }
    }
}
