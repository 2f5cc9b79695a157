package io.guestram.conformance.report;

import io.guestram.Piece;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.run.Side;
import io.guestram.conformance.run.StepRecord;
import io.guestram.conformance.run.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A counterexample as a numbered program: one Java statement per step with the model's and the
 * implementation's results beside it, the diverging step marked, and the memory maps around it.
 */
public final class ProgramReport {

    private ProgramReport() {}

    public static String render(Counterexample c) {
        StepRecord failing = c.failingStep();
        Violation v = c.violation();
        StringBuilder s = new StringBuilder();
        s.append(v.id()).append(" at step ").append(failing.number()).append(" of ").append(c.length())
                .append(" (shrunk from ").append(c.originalLength()).append(" steps)\n  ").append(v.message()).append('\n');
        s.append("found by ").append(c.origin()).append("; config ").append(c.config()).append("\n\n");
        int width = c.steps().stream().mapToInt(r -> r.action().call().java().length()).max().orElse(0);
        for (List<StepRecord> group : fold(c.steps())) {
            StepRecord r = group.get(0);
            if (group.size() == 1) {
                s.append(String.format("%3d  %-" + width + "s   model %-20s impl %s%s%n", r.number(),
                        r.action().call().java(), r.model(), r.implResult(), r.failed() ? "   // " + marker(v) : ""));
            } else {
                StepRecord last = group.get(group.size() - 1);
                s.append(String.format("%3d  %s%n ..   (%d calls, each argument changing by the same amount)%n%3d  %s   "
                                + "model %s, impl %s (every call of the %d)%n", r.number(), r.action().call().java(),
                        group.size() - 2, last.number(), last.action().call().java(), last.model(), last.implResult(), group.size()));
            }
        }
        s.append("\nmemory map before step ").append(failing.number()).append(":\n");
        maps(s, failing.modelBefore(), failing.implBefore());
        s.append("memory map after step ").append(failing.number()).append(":\n");
        if (failing.implMapError() != null) {
            s.append("  model ").append(failing.modelAfter()).append('\n');
            s.append("  impl  (unreadable) ").append(failing.implMapError()).append('\n');
        } else {
            maps(s, failing.modelAfter(), failing.implAfter());
        }
        return s.toString();
    }

    /**
     * The steps in groups: a run of at least {@value #FOLD} calls of one kind whose numeric
     * arguments each change by a constant step (a loop building pieces), agreeing results
     * throughout, is one group; every other step is a group of its own. The failing step is never
     * folded.
     */
    public static List<List<StepRecord>> fold(List<StepRecord> steps) {
        List<List<StepRecord>> groups = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            int end = i + 1;
            while (end < steps.size() && !steps.get(end).failed() && continues(steps, i, end)) {
                end++;
            }
            if (end - i >= FOLD) {
                groups.add(steps.subList(i, end));
                i = end;
            } else {
                groups.add(steps.subList(i, i + 1));
                i++;
            }
        }
        return groups;
    }

    private static final int FOLD = 4;

    /** Whether step {@code next} continues the progression starting at {@code first}. */
    private static boolean continues(List<StepRecord> steps, int first, int next) {
        StepRecord a = steps.get(first);
        StepRecord b = steps.get(first + 1);
        StepRecord n = steps.get(next);
        StepRecord p = steps.get(next - 1);
        if (n.action().kind() != a.action().kind() || !n.model().isOk() || !n.model().equals(n.impl())) {
            return false;
        }
        var argsA = List.copyOf(a.action().arguments().values());
        var argsB = List.copyOf(b.action().arguments().values());
        var argsP = List.copyOf(p.action().arguments().values());
        var argsN = List.copyOf(n.action().arguments().values());
        for (int k = 0; k < argsA.size(); k++) {
            Object x = argsA.get(k);
            if (x instanceof Long || x instanceof Integer) {
                long step = ((Number) argsB.get(k)).longValue() - ((Number) x).longValue();
                if (((Number) argsN.get(k)).longValue() - ((Number) argsP.get(k)).longValue() != step) {
                    return false;
                }
            } else if (!x.equals(argsN.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** What the comment on the failing step says. */
    static String marker(Violation v) {
        return v.side() == Side.MODEL ? "model violates " + v.label() : "impl != model (" + v.label() + ")";
    }

    private static void maps(StringBuilder s, List<Piece> model, List<Piece> impl) {
        s.append("  model ").append(model).append('\n');
        s.append("  impl  ").append(model.equals(impl) ? "(same)" : impl.toString()).append('\n');
    }
}
