package io.guestram.conformance.report;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;
import io.guestram.conformance.action.Action;
import io.guestram.conformance.action.LargestAction;
import io.guestram.conformance.action.ReadAction;
import io.guestram.conformance.action.TouchAction;
import io.guestram.conformance.action.WriteAction;
import io.guestram.conformance.run.Side;
import io.guestram.conformance.run.StepRecord;
import io.guestram.conformance.run.Violation;
import io.guestram.model.Models;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A counterexample as a JUnit test method that asserts the model's result of every step, so
 * that the diverging step (marked {@code // impl != model}) is where it fails. It calls
 * {@code create(Config)}: paste it into a {@code GuestRamConformanceTest} subclass.
 */
public final class JUnitReport {

    private JUnitReport() {}

    public static String render(Counterexample c) {
        Violation v = c.violation();
        StringBuilder s = new StringBuilder();
        s.append("// ").append(v.id()).append(": ").append(v.message().replace('\n', ' ')).append('\n')
                .append("// found by ").append(c.origin()).append(". Paste into a GuestRamConformanceTest subclass; needs\n")
                .append("// import static org.junit.jupiter.api.Assertions.*; import io.guestram.*; import java.util.*;\n")
                .append("// import org.junit.jupiter.api.Test;\n")
                .append("@Test\nvoid counterexample_").append(c.origin().replaceAll("[^A-Za-z0-9]+", "_")).append("() {\n")
                .append("    GuestRam ram = create(").append(config(c.config())).append(");\n");
        for (StepRecord r : c.steps()) {
            List<String> lines = statements(r.number(), r.action(), r.model());
            if (r.failed()) {
                lines = withFailure(lines, c, v);
            }
            lines.forEach(line -> s.append("    ").append(line).append('\n'));
        }
        return s.append("}\n").toString();
    }

    static String config(Config c) {
        String windows = c.windows().stream().map(JUnitReport::window).collect(Collectors.joining(", "));
        return "new Config(Profile." + c.profile().name() + ", " + lit(c.lastAddress()) + ", "
                + lit(c.pageSize()) + ", List.of(" + windows + "))";
    }

    private static String window(Window w) {
        return "new Window(" + lit(w.first()) + ", " + lit(w.last()) + ")";
    }

    static String lit(long value) {
        return U64.hex(value) + "L";
    }

    /** The statements that perform one step and assert the model's result. */
    static List<String> statements(int number, Action action, Outcome expected) {
        if (!expected.isOk()) {
            return List.of("assertEquals(ErrorCode." + expected.error() + ", assertThrows(GuestRamException.class, () -> "
                    + expression(action) + ").code());");
        }
        if (action instanceof TouchAction t) {
            return touch(number, t, expected);
        }
        if (action instanceof ReadAction) {
            return List.of("assertArrayEquals(HexFormat.of().parseHex(\"" + HexFormat.of().formatHex(expected.data())
                    + "\"), " + expression(action) + ");");
        }
        Call call = action.call();
        if (call instanceof Call.Largest) {
            List<Long> v = expected.values();
            return List.of("assertEquals(new Region(" + lit(v.get(0)) + ", " + lit(v.get(1)) + "), " + expression(action) + ");");
        }
        if (!expected.values().isEmpty()) {
            return List.of("assertEquals(" + lit(expected.values().get(0)) + ", " + expression(action) + ");");
        }
        return List.of(expression(action) + ";");
    }

    /** The call as an expression (no semicolon); touch gets a callback that returns 0. */
    private static String expression(Action action) {
        if (action instanceof TouchAction t) {
            return "ram.touch(" + lit(t.address()) + ", " + lit(t.size()) + ", (chunk, memory) -> 0)";
        }
        if (action instanceof WriteAction w) {
            return "ram.write(" + lit(w.address()) + ", HexFormat.of().parseHex(\"" + w.data() + "\"))";
        }
        String java = action.call().java();
        return java.substring(0, java.length() - 1);
    }

    private static List<String> touch(int number, TouchAction t, Outcome expected) {
        String seen = "seen" + number;
        String stop = t.stopAt() == 0 ? "0" : seen + ".size() == " + t.stopAt() + " ? " + t.stopValue() + " : 0";
        String chunks = expected.chunks().stream()
                .map(c -> "new Chunk(" + lit(c.guestAddress()) + ", " + lit(c.size()) + ", " + lit(c.offset()) + ")")
                .collect(Collectors.joining(", "));
        return List.of(
                "List<Chunk> " + seen + " = new ArrayList<>();",
                "assertEquals(" + expected.values().get(0).intValue() + ", ram.touch(" + lit(t.address()) + ", "
                        + lit(t.size()) + ", (chunk, memory) -> { " + seen + ".add(chunk); return " + stop + "; }));",
                "assertEquals(List.of(" + chunks + "), " + seen + ");");
    }

    /** Marks the failing step and adds the assertion that the implementation breaks. */
    private static List<String> withFailure(List<String> lines, Counterexample c, Violation v) {
        List<String> marked = new ArrayList<>(lines);
        String marker = "// " + ProgramReport.marker(v);
        String extra = v.side() == Side.MODEL ? null : extraAssertion(c, v);
        if (extra == null) {
            marked.set(marked.size() - 1, marked.get(marked.size() - 1) + " " + marker);
        } else {
            marked.add(extra + " " + marker);
        }
        return marked;
    }

    /** For properties beyond the step's own result: what the model says after the step. */
    private static String extraAssertion(Counterexample c, Violation v) {
        switch (v.label()) {
            case "OutcomesAgree", "ImplementationThrew":
                return null;
            case "SelfCheck":
                return "((SelfChecking) ram).checkInvariants();";
            case "LargestFreeRegion", "LargestFreeExists", "LargestFreeIsFree", "LargestFreeIsMaximal",
                    "LargestFreeIsLongest", "LargestFreeIsLowest":
                return statements(0, new LargestAction(),
                        new Call.Largest().apply(modelAfter(c))).get(0);
            default:
                if (v.label().equals("FailureIsAtomic") && c.failingStep().action() instanceof WriteAction w) {
                    return writtenBytes(c, w);
                }
                return "assertEquals(List.of(" + pieces(c.failingStep().modelAfter()) + "), ram.memoryMap());";
        }
    }

    /** The registered bytes a rejected write aimed at, as the model reads them. */
    private static String writtenBytes(Counterexample c, WriteAction w) {
        GuestRam model = modelAfter(c);
        for (Span part : MemoryMaps.registeredParts(c.failingStep().modelAfter(), w.address(), w.data().length() / 2)) {
            return statements(0, new ReadAction(part.first(), (int) (part.extent() + 1)),
                    new Call.Read(part.first(), (int) (part.extent() + 1)).apply(model)).get(0);
        }
        return "assertEquals(List.of(" + pieces(c.failingStep().modelAfter()) + "), ram.memoryMap());";
    }

    private static GuestRam modelAfter(Counterexample c) {
        GuestRam model = Models.reference(c.config());
        c.actions().forEach(a -> a.call().apply(model));
        return model;
    }

    private static String pieces(List<Piece> map) {
        return map.stream().map(p -> "new Piece(" + lit(p.first()) + ", " + lit(p.last()) + ", " + p.allocated() + ")")
                .collect(Collectors.joining(", "));
    }
}
