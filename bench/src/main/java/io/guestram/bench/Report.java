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

    /**
     * One target: a camelCase id for scripts, what was asked, what was measured (as text and as
     * a number, NaN when not measured, against {@code limit}), whether it holds; null when not
     * measured.
     */
    record Target(String id, String name, String goal, String measured, double value, double limit, Boolean met) {}

    /** The bound of the memory target: retained heap bytes per piece at 10^6 pieces (JOL). */
    static final double BYTES_PER_PIECE_LIMIT = 24;

    /** The calls whose hot paths must not allocate. */
    static final List<String> HOT_PATHS = List.of("register_at", "mark_allocated", "allocate", "free");

    /** A call's C name in camelCase, as JSON keys spell it: touch_1_page is touch1Page, read_4KiB read4KiB. */
    static String camel(String cName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : cName.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper && Character.isLetter(c) ? Character.toUpperCase(c) : c);
                upper = upper && !Character.isLetter(c);
            }
        }
        return out.toString();
    }

    /** impl ns/op at 10^6 over ns/op at 10^2, NaN unless both were measured. */
    double scaling(String layout, String call) {
        return ns("impl", layout, call, 1_000_000) / ns("impl", layout, call, 100);
    }

    /** port ns/op over impl ns/op at 10^4, NaN unless both were measured. */
    double portOverImpl(String layout, String call) {
        return ns("port", layout, call, 10_000) / ns("impl", layout, call, 10_000);
    }

    /** The calls compared with the port by a target, with the least factor asked for at 10^4. */
    static final Map<String, Double> PORT_TARGETS = new LinkedHashMap<>();

    static {
        PORT_TARGETS.put("allocate", 1000.0);
        PORT_TARGETS.put("free", 1000.0);
        PORT_TARGETS.put("mark_allocated", 1000.0);
        PORT_TARGETS.put("find_largest_free_region", 100.0);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (String layout : layouts("impl")) {
            for (String call : CALLS.values()) {
                double ratio = scaling(layout, call);
                targets.add(new Target("scaling" + capitalized(camel(call)) + capitalized(layout),
                        "scaling " + call + " (" + layout + ")", "impl ns/op at 10^6 <= 3x at 10^2",
                        fmt(ratio) + "x", ratio, 3, Double.isNaN(ratio) ? null : ratio <= 3));
            }
        }
        for (String layout : layouts("port")) {
            for (Map.Entry<String, Double> e : PORT_TARGETS.entrySet()) {
                String call = e.getKey();
                double need = e.getValue();
                double ratio = portOverImpl(layout, call);
                targets.add(new Target("portOverImpl" + capitalized(camel(call)) + capitalized(layout),
                        "vs libsel4vm " + call + " (" + layout + ")", "port/impl at 10^4 >= " + (int) need + "x",
                        fmt(ratio) + "x", ratio, need, Double.isNaN(ratio) ? null : ratio >= need));
            }
        }
        for (HeapPerPiece.Result h : heap) {
            if (h.subject().equals("impl")) {
                targets.add(new Target("bytesPerPiece", "bytes per piece (impl)",
                        "<= " + (int) BYTES_PER_PIECE_LIMIT + " at " + power(h.pieces()) + " pieces (JOL)",
                        fmt(h.jolPerPiece()) + " B (JOL), " + fmt(h.heapDeltaPerPiece()) + " B (heap delta)",
                        h.jolPerPiece(), BYTES_PER_PIECE_LIMIT, h.jolPerPiece() <= BYTES_PER_PIECE_LIMIT));
            }
        }
        if (exploration != null) {
            boolean ran = exploration.tlc() != null;
            targets.add(new Target("explorerOverTlc", "explorer vs TLC (" + exploration.config() + ")",
                    ">= 10x TLC's distinct states/s, equal counts",
                    ran ? fmt(exploration.speedup()) + "x, distinct and generated " + (exploration.countsEqual() ? "equal" : "DIFFER")
                            + (exploration.depthsEqual() ? "" : " (depth " + exploration.explorer().depth() + " vs TLC's "
                            + exploration.tlc().depth() + ")")
                            : "TLC not run (TLA2TOOLS_JAR unset)",
                    ran ? exploration.speedup() : Double.NaN, 10,
                    ran ? exploration.speedup() >= 10 && exploration.countsEqual() : null));
        }
        for (String layout : layouts("impl")) {
            for (String call : HOT_PATHS) {
                double worst = worstAllocation(layout, call);
                targets.add(new Target("allocBytesPerOp" + capitalized(camel(call)) + capitalized(layout),
                        "hot-path allocation " + call + " (" + layout + ")",
                        "0 B/op (< 1 with JMH's bookkeeping), every n",
                        Double.isNaN(worst) ? "not measured" : fmt(worst) + " B/op (worst n)", worst, 1,
                        Double.isNaN(worst) ? null : worst < 1));
            }
        }
        return targets;
    }

    /** The most bytes per op that the impl's call allocated at any n, NaN if never measured. */
    private double worstAllocation(String layout, String call) {
        double worst = Double.NaN;
        for (Cell c : cells.get("impl").get(layout).getOrDefault(call, new TreeMap<>()).values()) {
            if (!Double.isNaN(c.allocBytesPerOp()) && (Double.isNaN(worst) || c.allocBytesPerOp() > worst)) {
                worst = c.allocBytesPerOp();
            }
        }
        return worst;
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
                        fmt(scaling(layout, call)) + "x"));
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
     * {@code bytesPerPiece[subject]} (JOL, at 10^6 pieces), the explorer against TLC, every ratio
     * a target names under {@code ratios}, each target's verdict by id under {@code targetsMet}
     * (true, false, or null when not measured), {@code allTargetsMet}, and the targets in full.
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
        out.append("  \"ratios\": ").append(ratiosJson()).append(",\n");
        List<Target> targets = targets();
        out.append("  \"targetsMet\": {");
        List<String> met = new ArrayList<>();
        boolean all = true;
        for (Target t : targets) {
            met.add("\"" + t.id() + "\": " + t.met());
            all &= Boolean.TRUE.equals(t.met());
        }
        out.append(String.join(", ", met)).append("},\n");
        out.append("  \"allTargetsMet\": ").append(all).append(",\n");
        out.append("  \"targets\": [");
        List<String> ts = new ArrayList<>();
        for (Target t : targets) {
            ts.add(String.format(Locale.ROOT, "\n    {\"id\": \"%s\", \"name\": \"%s\", \"goal\": \"%s\", \"measured\": \"%s\","
                            + " \"value\": %s, \"limit\": %s, \"met\": %s}",
                    escape(t.id()), escape(t.name()), escape(t.goal()), escape(t.measured()), jsonNumber(t.value()),
                    jsonNumber(t.limit()), t.met()));
        }
        out.append(String.join(",", ts)).append("\n  ]\n}");
        return out.toString();
    }

    /**
     * {@code {layout: {scaling: {call: impl 10^6 / 10^2}, portOverImpl: {call: port / impl at
     * 10^4}}}}, calls in camelCase; a ratio not measured is null.
     */
    private String ratiosJson() {
        List<String> byLayout = new ArrayList<>();
        for (String layout : layouts("impl")) {
            List<String> scaling = new ArrayList<>();
            for (String call : CALLS.values()) {
                scaling.add("\"" + camel(call) + "\": " + jsonNumber(scaling(layout, call)));
            }
            List<String> port = new ArrayList<>();
            for (String call : CALLS.values()) {
                port.add("\"" + camel(call) + "\": " + jsonNumber(portOverImpl(layout, call)));
            }
            byLayout.add("\"" + layout + "\": {\"scaling\": {" + String.join(", ", scaling) + "}, \"portOverImpl\": {"
                    + String.join(", ", port) + "}}");
        }
        return "{" + String.join(", ", byLayout) + "}";
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
