package io.guestram.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one bench run measured, as a text table and as JSON: ns/op per subject, layout, call and
 * n; bytes per piece; the explorer against TLC; and each target, met or not.
 */
public final class Report {

    /** The calls in the order, by benchmark method, with their C names. */
    static final Map<String, String> CALLS = new LinkedHashMap<>();

    static {
        CALLS.put("registerAt", "register_at");
        CALLS.put("markAllocated", "mark_allocated");
        CALLS.put("allocate", "allocate");
        CALLS.put("free", "free");
        CALLS.put("largestFree", "find_largest_free_region");
        CALLS.put("touch1", "touch_1_page");
        CALLS.put("touch64", "touch_64_pages");
        CALLS.put("read4k", "read_4KiB");
        CALLS.put("write4k", "write_4KiB");
    }

    static final String PRIMARY_LAYOUT = "fragmented";

    /** One measurement: JMH's score and error (ns/op) and the bytes allocated per op, NaN if unknown. */
    record Cell(double nsPerOp, double error, double allocBytesPerOp) {}

    /** subject -> layout -> call (C name) -> n -> cell. */
    final Map<String, Map<String, Map<String, TreeMap<Integer, Cell>>>> cells = new LinkedHashMap<>();
    final List<HeapPerPiece.Result> heap = new ArrayList<>();
    ExplorerVsTlc.Result exploration;
    String mode = "";
    String settings = "";
    final Map<String, String> machine = new LinkedHashMap<>();

    void put(String subject, String layout, String call, int n, Cell cell) {
        cells.computeIfAbsent(subject, s -> new LinkedHashMap<>())
                .computeIfAbsent(layout, l -> new LinkedHashMap<>())
                .computeIfAbsent(call, c -> new TreeMap<>())
                .put(n, cell);
    }

    Cell get(String subject, String layout, String call, int n) {
        return cells.getOrDefault(subject, Map.of()).getOrDefault(layout, Map.of())
                .getOrDefault(call, new TreeMap<>()).get(n);
    }

    private double ns(String subject, String layout, String call, int n) {
        Cell c = get(subject, layout, call, n);
        return c == null ? Double.NaN : c.nsPerOp();
    }

    /** One target: what was asked, what was measured, whether it holds; null when not measured. */
    record Target(String name, String goal, String measured, Boolean met) {}

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (String layout : layouts("impl")) {
            for (String call : CALLS.values()) {
                double ratio = ns("impl", layout, call, 1_000_000) / ns("impl", layout, call, 100);
                targets.add(new Target("scaling " + call + " (" + layout + ")", "impl ns/op at 10^6 <= 3x at 10^2",
                        fmt(ratio) + "x", Double.isNaN(ratio) ? null : ratio <= 3));
            }
        }
        for (String layout : layouts("port")) {
            for (String call : List.of("allocate", "free", "mark_allocated", "find_largest_free_region")) {
                double need = call.equals("find_largest_free_region") ? 100 : 1000;
                double ratio = ns("port", layout, call, 10_000) / ns("impl", layout, call, 10_000);
                targets.add(new Target("vs libsel4vm " + call + " (" + layout + ")",
                        "port/impl at 10^4 >= " + (int) need + "x", fmt(ratio) + "x",
                        Double.isNaN(ratio) ? null : ratio >= need));
            }
        }
        for (HeapPerPiece.Result h : heap) {
            if (h.subject().equals("impl")) {
                targets.add(new Target("bytes per piece (impl)", "<= 64 at 10^6 pieces",
                        fmt(h.jolPerPiece()) + " B (JOL), " + fmt(h.heapDeltaPerPiece()) + " B (heap delta)",
                        h.jolPerPiece() <= 64));
            }
        }
        if (exploration != null) {
            boolean ran = exploration.tlc() != null;
            targets.add(new Target("explorer vs TLC (" + exploration.config() + ")",
                    ">= 10x TLC's distinct states/s, equal counts",
                    ran ? fmt(exploration.speedup()) + "x, distinct and generated " + (exploration.countsEqual() ? "equal" : "DIFFER")
                            + (exploration.depthsEqual() ? "" : " (depth " + exploration.explorer().depth() + " vs TLC's "
                            + exploration.tlc().depth() + ")")
                            : "TLC not run (TLA2TOOLS_JAR unset)",
                    ran ? exploration.speedup() >= 10 && exploration.countsEqual() : null));
        }
        for (String layout : layouts("impl")) {
            for (String call : List.of("allocate", "free")) {
                Cell worst = null;
                for (Cell c : cells.get("impl").get(layout).getOrDefault(call, new TreeMap<>()).values()) {
                    if (!Double.isNaN(c.allocBytesPerOp()) && (worst == null || c.allocBytesPerOp() > worst.allocBytesPerOp())) {
                        worst = c;
                    }
                }
                targets.add(new Target("hot-path allocation " + call + " (" + layout + ")",
                        "0 B/op beyond new nodes (none in these steady states)",
                        worst == null ? "not measured" : fmt(worst.allocBytesPerOp()) + " B/op (worst n)",
                        worst == null ? null : worst.allocBytesPerOp() < 1));
            }
        }
        return targets;
    }

    private List<String> layouts(String subject) {
        return new ArrayList<>(cells.getOrDefault(subject, Map.of()).keySet());
    }

    /** The human-readable report. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("guestram bench (").append(mode).append("): ").append(settings).append('\n');
        machine.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        for (String layout : layouts("impl")) {
            out.append("\nns/op, ").append(layout).append(" layout (impl = OptimizedGuestRam, port = libsel4vm's algorithm,"
                    + " model = ReferenceModel)\n");
            out.append(String.format(Locale.ROOT, "%-26s %8s %12s %14s %11s %14s%n",
                    "call", "n", "impl", "port", "port/impl", "model"));
            for (String call : CALLS.values()) {
                for (int n : ns(layout, call)) {
                    double impl = ns("impl", layout, call, n);
                    double port = ns("port", layout, call, n);
                    double model = ns("model", layout, call, n);
                    out.append(String.format(Locale.ROOT, "%-26s %8s %12s %14s %11s %14s%n",
                            call, power(n), num(impl), num(port), Double.isNaN(port / impl) ? "-" : fmt(port / impl) + "x",
                            num(model)));
                }
            }
            out.append("\nimpl scaling, ns/op at 10^6 / at 10^2 (").append(layout).append("):\n");
            for (String call : CALLS.values()) {
                out.append(String.format(Locale.ROOT, "  %-26s %s%n", call,
                        fmt(ns("impl", layout, call, 1_000_000) / ns("impl", layout, call, 100)) + "x"));
            }
        }
        if (!heap.isEmpty()) {
            out.append("\nretained heap per piece at ").append(power(heap.get(0).pieces())).append(" pieces:\n");
            for (HeapPerPiece.Result h : heap) {
                out.append(String.format(Locale.ROOT, "  %-6s %7s B (JOL graph walk)  %7s B (heap delta after System.gc())%n",
                        h.subject(), fmt(h.jolPerPiece()), fmt(h.heapDeltaPerPiece())));
            }
        }
        if (exploration != null) {
            ExplorerVsTlc.Result e = exploration;
            out.append(String.format(Locale.ROOT, "%nexplorer on %s: %d distinct states, %d generated, depth %d, %.2f s: %.0f states/s%n",
                    e.config(), e.explorer().distinctStates(), e.explorer().statesGenerated(), e.explorer().depth(),
                    e.explorer().seconds(), e.explorerStatesPerSecond()));
            if (e.tlc() != null) {
                out.append(String.format(Locale.ROOT, "TLC on %s: %d distinct states, %d generated, depth %d, %.2f s: %.0f states/s"
                                + " (%s); explorer/TLC = %sx, distinct and generated %s%s%n",
                        e.config(), e.tlc().distinctStates(), e.tlc().statesGenerated(), e.tlc().depth(), e.tlc().seconds(),
                        e.tlcStatesPerSecond(), e.tlcNote(), fmt(e.speedup()), e.countsEqual() ? "equal" : "DIFFER",
                        e.depthsEqual() ? "" : "; depth differs"));
            } else {
                out.append(e.tlcNote()).append('\n');
            }
        }
        out.append("\ntargets:\n");
        for (Target t : targets()) {
            String verdict = t.met() == null ? "n/a " : t.met() ? "MET " : "MISS";
            out.append(String.format(Locale.ROOT, "  %s  %-48s %-40s %s%n", verdict, t.name(), t.goal(), t.measured()));
        }
        return out.toString();
    }

    private List<Integer> ns(String layout, String call) {
        TreeMap<Integer, Boolean> all = new TreeMap<>();
        for (String subject : cells.keySet()) {
            cells.get(subject).getOrDefault(layout, Map.of()).getOrDefault(call, new TreeMap<>())
                    .keySet().forEach(n -> all.put(n, true));
        }
        return new ArrayList<>(all.keySet());
    }

    /**
     * The JSON report: {@code nsPerOp[subject][call][n]} for the fragmented layout (subjects
     * impl, port and, where measured, model), the same per layout under {@code nsPerOpByLayout},
     * {@code bytesPerPiece}, the explorer against TLC, and the targets.
     */
    public String json() {
        StringBuilder out = new StringBuilder("{\n");
        out.append("  \"mode\": \"").append(escape(mode)).append("\",\n");
        out.append("  \"settings\": \"").append(escape(settings)).append("\",\n");
        out.append("  \"machine\": {");
        List<String> m = new ArrayList<>();
        machine.forEach((k, v) -> m.add("\"" + escape(k) + "\": \"" + escape(v) + "\""));
        out.append(String.join(", ", m)).append("},\n");
        out.append("  \"layout\": \"").append(PRIMARY_LAYOUT).append("\",\n");
        out.append("  \"nsPerOp\": ").append(table(PRIMARY_LAYOUT, false)).append(",\n");
        out.append("  \"allocBytesPerOp\": ").append(table(PRIMARY_LAYOUT, true)).append(",\n");
        out.append("  \"nsPerOpByLayout\": {");
        List<String> byLayout = new ArrayList<>();
        for (String layout : layouts("impl")) {
            byLayout.add("\"" + layout + "\": " + table(layout, false));
        }
        out.append(String.join(", ", byLayout)).append("},\n");
        out.append("  \"bytesPerPiece\": {");
        List<String> h = new ArrayList<>();
        for (HeapPerPiece.Result r : heap) {
            h.add(String.format(Locale.ROOT, "\"%s\": %.2f", r.subject(), r.jolPerPiece()));
        }
        out.append(String.join(", ", h)).append("},\n");
        out.append("  \"heap\": {");
        List<String> hd = new ArrayList<>();
        for (HeapPerPiece.Result r : heap) {
            hd.add("\"" + r.subject() + "\": " + r.toJson());
        }
        out.append(String.join(", ", hd)).append("},\n");
        out.append("  \"explorer\": ").append(exploration == null ? "null" : exploration.toJson()).append(",\n");
        out.append("  \"targets\": [");
        List<String> ts = new ArrayList<>();
        for (Target t : targets()) {
            ts.add(String.format(Locale.ROOT, "\n    {\"name\": \"%s\", \"goal\": \"%s\", \"measured\": \"%s\", \"met\": %s}",
                    escape(t.name()), escape(t.goal()), escape(t.measured()), t.met()));
        }
        out.append(String.join(",", ts)).append("\n  ]\n}");
        return out.toString();
    }

    /** {@code {subject: {call: {n: value}}}} for one layout. */
    private String table(String layout, boolean allocation) {
        List<String> subjects = new ArrayList<>();
        for (String subject : cells.keySet()) {
            Map<String, TreeMap<Integer, Cell>> calls = cells.get(subject).get(layout);
            if (calls == null) {
                continue;
            }
            List<String> perCall = new ArrayList<>();
            for (String call : CALLS.values()) {
                TreeMap<Integer, Cell> byN = calls.get(call);
                if (byN == null) {
                    continue;
                }
                List<String> perN = new ArrayList<>();
                byN.forEach((n, c) -> perN.add("\"" + n + "\": "
                        + jsonNumber(allocation ? c.allocBytesPerOp() : c.nsPerOp())));
                perCall.add("\"" + call + "\": {" + String.join(", ", perN) + "}");
            }
            subjects.add("\"" + subject + "\": {" + String.join(", ", perCall) + "}");
        }
        return "{" + String.join(", ", subjects) + "}";
    }

    private static String jsonNumber(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String power(int n) {
        int e = (int) Math.round(Math.log10(n));
        return Math.pow(10, e) == n ? "10^" + e : Integer.toString(n);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
