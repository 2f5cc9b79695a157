package io.guestram.trace;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.call.CReturn;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.Piece;
import io.guestram.conformance.ImplementationFactory;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.report.JsonTrace;
import io.guestram.explorer.Json;
import io.guestram.explorer.ProgressListener;
import io.guestram.conformance.Span;
import io.guestram.explorer.ConfigException;
import io.guestram.model.Models;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Replays a trace file (docs/trace-format.md) against the reference model, or any implementation,
 * line by line, holding only the implementation, so that a trace of any length runs in its
 * memory. The first line whose recorded result the implementation does not give is the
 * divergence; the memory map before it comes from a second pass up to that line, so that the
 * first pass keeps no history. A counterexample of a spec ({@link SpecTrace}: ITF or TLC's JSON
 * dump) replays the same way, and also checks the memory map after each call against the
 * state's bytes.
 */
public final class TraceReplay {

    /** What a replay found. */
    public record Result(Path file, long calls, Optional<String> divergence, double seconds) {

        public double callsPerSecond() {
            return seconds > 0 ? calls / seconds : 0;
        }

        public String toJson() {
            return String.format(Locale.ROOT, "{\"file\": %s, \"calls\": %d, \"passed\": %s, \"divergence\": %s, "
                    + "\"seconds\": %.3f, \"callsPerSecond\": %.0f}", Json.quote(file.toString()), calls,
                    divergence.isEmpty(), divergence.map(Json::quote).orElse("null"), seconds, callsPerSecond());
        }

        public String summary() {
            return String.format(Locale.ROOT, "%s: %d calls in %.2f s (%.0f calls/s): %s", file, calls, seconds,
                    callsPerSecond(), divergence.orElse("every result is the recorded one"));
        }
    }

    private TraceReplay() {}

    /** Replays {@code file} against the reference model; {@code profile}, if given, overrides the trace's own. */
    public static Result replay(Path file, Optional<Profile> profile) throws IOException {
        return replay(file, profile, Models::reference);
    }

    /** Replays {@code file} against the implementations {@code factory} makes (one per pass). */
    public static Result replay(Path file, Optional<Profile> profile, ImplementationFactory factory) throws IOException {
        return replay(file, profile, factory, ProgressListener.NONE);
    }

    /** As {@link #replay(Path, Optional, ImplementationFactory)}, telling {@code progress} the bytes read of the file's size. */
    public static Result replay(Path file, Optional<Profile> profile, ImplementationFactory factory, ProgressListener progress)
            throws IOException {
        long started = System.nanoTime();
        long[] calls = {0};
        Optional<Long> divergentLine = walk(file, profile, factory, Long.MAX_VALUE, progress, (line, ram, step, outcome) -> {
            calls[0]++;
            return !agree(ram.config().profile(), step, outcome);
        }).stoppedAt();
        Optional<String> divergence = divergentLine.map(n -> describe(file, profile, factory, n));
        return new Result(file, calls[0], divergence, (System.nanoTime() - started) / 1e9);
    }

    /**
     * Replays a spec's counterexample read from {@code file} under {@code config}: each call's
     * result must be the recorded one, and the implementation's registered and allocated bytes
     * after it those of the state, where the trace has them.
     */
    public static Result replay(Path file, SpecTrace trace, Config config, ImplementationFactory factory) {
        long started = System.nanoTime();
        GuestRam ram = factory.create(config);
        long calls = 0;
        Optional<String> divergence = Optional.empty();
        for (SpecTrace.Step step : trace.steps()) {
            String mapBefore = ram.memoryMap().toString();
            Call call = step.line().action().call();
            Outcome outcome = call.apply(ram);
            calls++;
            // TLC numbers its states from 1 (Init is State 1), ITF from 0.
            String where = file + ": call " + step.state() + " (" + (trace.format().equals("TLC")
                    ? "TLC's State " + (step.state() + 1) : "ITF state " + step.state()) + "): " + call.java();
            if (!agree(config.profile(), step.line(), outcome)) {
                divergence = Optional.of(where + " recorded " + step.line().expect() + ", the implementation gives "
                        + outcome + "\n  memory map before it: " + mapBefore);
                break;
            }
            Optional<String> stateDivergence = step.after().flatMap(expected -> differences(expected, ram.memoryMap()));
            if (stateDivergence.isPresent()) {
                divergence = Optional.of(where + " gives the recorded " + outcome + ", but after it "
                        + stateDivergence.get() + "\n  memory map before it: " + mapBefore);
                break;
            }
        }
        return new Result(file, calls, divergence, (System.nanoTime() - started) / 1e9);
    }

    /** How the implementation's bytes differ from the state's, if they do. */
    private static Optional<String> differences(SpecTrace.Bytes expected, List<Piece> map) {
        List<Span> registered = MemoryMaps.registeredRuns(map);
        List<Span> allocated = MemoryMaps.allocatedRuns(map);
        if (!registered.equals(expected.registered())) {
            return Optional.of("the state has registered " + expected.registered() + ", the implementation " + registered);
        }
        if (!allocated.equals(expected.allocated())) {
            return Optional.of("the state has allocated " + expected.allocated() + ", the implementation " + allocated);
        }
        return Optional.empty();
    }

    /** Sees each replayed call; returns true to stop there. */
    private interface Step {
        boolean stop(long line, GuestRam ram, JsonTrace.Line step, Outcome outcome);
    }

    /** Where a walk stopped, if {@code step} stopped it, and the model as it was left. */
    private record Walk(Optional<Long> stoppedAt, GuestRam ram) {}

    /** Replays up to line {@code until}, or to where {@code step} stops it. */
    private static Walk walk(Path file, Optional<Profile> profile, ImplementationFactory factory, long until,
            ProgressListener progress, Step step) throws IOException {
        GuestRam ram = null;
        long number = 0;
        long size = Files.size(file);
        long[] read = {0};
        InputStream counted = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                read[0] += Math.max(n, 0);
                return n;
            }
        };
        try (TraceLines in = new TraceLines(counted)) {
            for (String raw = in.next(); raw != null && number < until; raw = in.next()) {
                number++;
                if ((number & 0xffff) == 0) {
                    progress.progress("check-trace " + file.getFileName(), read[0], size);
                }
                if (raw.isBlank()) {
                    continue;
                }
                Map<String, Object> object = object(raw, file, number);
                if (object.containsKey("config")) {
                    ram = implementation(object, profile, factory, file, number);
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

    private static String describe(Path file, Optional<Profile> profile, ImplementationFactory factory, long divergent) {
        StringBuilder s = new StringBuilder();
        try {
            GuestRam before = walk(file, profile, factory, divergent - 1, ProgressListener.NONE, (number, ram, line, outcome) -> false).ram();
            String map = before.memoryMap().toString();
            walk(file, profile, factory, divergent, ProgressListener.NONE, (number, ram, line, outcome) -> {
                if (number == divergent) {
                    s.append(file).append(':').append(number).append(": ").append(line.action().call().java())
                            .append(" recorded ").append(line.expect()).append(", the implementation gives ").append(outcome);
                }
                return false;
            });
            s.append("\n  memory map before it: ").append(map);
        } catch (IOException e) {
            s.append(" (cannot re-read the file: ").append(e.getMessage()).append(')');
        }
        return s.toString();
    }

    private static GuestRam implementation(Map<String, Object> object, Optional<Profile> profile,
                                           ImplementationFactory factory, Path file, long number) {
        Config config;
        try {
            config = JsonTrace.parseConfig(object.get("config"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ":" + number + ": bad config line: " + e.getMessage());
        }
        return factory.create(profile.map(config::withProfile).orElse(config));
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
