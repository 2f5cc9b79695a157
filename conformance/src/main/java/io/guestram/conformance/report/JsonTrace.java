package io.guestram.conformance.report;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.Profile;
import io.guestram.Window;
import io.guestram.call.Outcome;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.ActionKind;
import io.guestram.conformance.action.Arguments;
import io.guestram.conformance.run.StepRecord;
import io.guestram.explorer.Json;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replayable traces in JSON Lines. The first line gives the configuration; every further line is
 * one call with its arguments and the result the model expects, 64-bit values as hex strings:
 * <pre>
 * {"config":{"profile":"spec","last_address":"0xffffffffffffffff","page_size":"0x1000","windows":[{"first":"0x0","last":"0xffffffffffffffff"}]}}
 * {"call":"register_at","start":"0x0","size":"0x4","untyped":false,"expect":{"code":"OK"}}
 * {"call":"allocate","size":"0x2","expect":{"code":"OK","values":["0x0"]}}
 * {"call":"touch","address":"0x0","size":"0x2","stop_at":0,"stop_value":0,"expect":{"code":"OK","values":["0x0"],"chunks":[{"address":"0x0","size":"0x2","offset":"0x0"}]}}
 * {"call":"free","start":"0x8","size":"0x1","expect":{"code":"NOT_ALLOCATED"}}
 * </pre>
 */
public final class JsonTrace {

    private static final HexFormat HEX = HexFormat.of();

    private JsonTrace() {}

    /** One expected step of a trace. */
    public record Line(Action action, Outcome expect) {}

    /** A parsed trace. */
    public record Trace(Config config, List<Line> lines) {}

    public static String render(Config config, List<StepRecord> steps) {
        StringBuilder s = new StringBuilder(configLine(config)).append('\n');
        for (StepRecord r : steps) {
            s.append(line(r.action(), r.model())).append('\n');
        }
        return s.toString();
    }

    public static String configLine(Config config) {
        return "{\"config\":" + configObject(config) + "}";
    }

    /** The configuration as the JSON object of the config line. */
    public static String configObject(Config config) {
        StringBuilder w = new StringBuilder("[");
        for (Window window : config.windows()) {
            w.append(w.length() == 1 ? "" : ",").append("{\"first\":").append(Json.hex(window.first()))
                    .append(",\"last\":").append(Json.hex(window.last())).append('}');
        }
        return "{\"profile\":" + Json.quote(config.profile().label())
                + ",\"last_address\":" + Json.hex(config.lastAddress())
                + ",\"page_size\":" + Json.hex(config.pageSize()) + ",\"windows\":" + w + "]}";
    }

    public static String line(Action action, Outcome expect) {
        StringBuilder s = new StringBuilder("{\"call\":").append(Json.quote(action.name()));
        action.arguments().forEach((name, value) -> s.append(',').append(Json.quote(name)).append(':').append(argument(value)));
        return s.append(",\"expect\":").append(outcome(expect)).append('}').toString();
    }

    private static String argument(Object value) {
        if (value instanceof Long l) {
            return Json.hex(l);
        }
        return value instanceof String text ? Json.quote(text) : String.valueOf(value);
    }

    public static String outcome(Outcome o) {
        StringBuilder s = new StringBuilder("{\"code\":").append(Json.quote(o.isOk() ? "OK" : o.error().name()));
        if (!o.values().isEmpty()) {
            s.append(",\"values\":[");
            o.values().forEach(v -> s.append(s.charAt(s.length() - 1) == '[' ? "" : ",").append(Json.hex(v)));
            s.append(']');
        }
        if (!o.chunks().isEmpty()) {
            s.append(",\"chunks\":[");
            for (Chunk c : o.chunks()) {
                s.append(s.charAt(s.length() - 1) == '[' ? "" : ",").append("{\"address\":").append(Json.hex(c.guestAddress()))
                        .append(",\"size\":").append(Json.hex(c.size())).append(",\"offset\":").append(Json.hex(c.offset())).append('}');
            }
            s.append(']');
        }
        if (o.data().length > 0) {
            s.append(",\"data\":").append(Json.quote(HEX.formatHex(o.data())));
        }
        return s.append('}').toString();
    }

    /** Parses a whole trace; blank lines are skipped, the config line is required first. */
    public static Trace parse(String text) {
        Config config = null;
        List<Line> lines = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("\n")) {
            number++;
            if (raw.isBlank()) {
                continue;
            }
            try {
                Map<String, Object> object = object(raw);
                if (object.containsKey("config")) {
                    config = parseConfig(object.get("config"));
                } else {
                    lines.add(parseLine(object));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trace line " + number + ": " + e.getMessage(), e);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("trace has no config line");
        }
        return new Trace(config, lines);
    }

    /** One line of a trace as a JSON object. */
    public static Map<String, Object> object(String line) {
        return Arguments.of(Json.parse(line), "a trace line").values();
    }

    /** The configuration of a trace's first line ({@code {"config": {...}}}'s inner object). */
    public static Config parseConfig(Object config) {
        Arguments c = Arguments.of(config, "'config'");
        List<Window> windows = new ArrayList<>();
        for (Object w : c.list("windows")) {
            Arguments window = Arguments.of(w, "a window");
            windows.add(new Window(window.u64("first"), window.u64("last")));
        }
        return new Config(Profile.parse(c.text("profile")), c.u64("last_address"), c.u64("page_size"), windows);
    }

    public static Line parseLine(Map<String, Object> object) {
        Map<String, Object> args = new LinkedHashMap<>(object);
        Arguments line = new Arguments(object);
        ActionKind kind = ActionKind.byLabel(line.text("call"));
        Outcome expect = parseOutcome(line.object("expect"));
        args.remove("call");
        args.remove("expect");
        Action action = kind.parse(new Arguments(args));
        action.call(); // the call's own checks (a touch's stop value), here where the line is known
        return new Line(action, expect);
    }

    private static Outcome parseOutcome(Arguments o) {
        ErrorCode code = o.code("code");
        List<Long> values = o.u64s("values");
        List<Chunk> chunks = new ArrayList<>();
        for (Object c : o.list("chunks")) {
            Arguments chunk = Arguments.of(c, "a chunk");
            chunks.add(new Chunk(chunk.u64("address"), chunk.u64("size"), chunk.u64("offset")));
        }
        return new Outcome(code, values, chunks, o.bytes("data"));
    }
}
