package io.guestram.conformance.report;

import io.guestram.Piece;
import io.guestram.conformance.Counterexample;
import io.guestram.conformance.run.Side;
import io.guestram.conformance.run.StepRecord;
import io.guestram.conformance.run.Violation;
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
        for (StepRecord r : c.steps()) {
            s.append(String.format("%3d  %-" + width + "s   model %-20s impl %s%s%n", r.number(),
                    r.action().call().java(), r.model(), r.implResult(), r.failed() ? "   // " + marker(v) : ""));
        }
        s.append("\nmemory map before step ").append(failing.number()).append(":\n");
        maps(s, failing.modelBefore(), failing.implBefore());
        s.append("memory map after step ").append(failing.number()).append(":\n");
        maps(s, failing.modelAfter(), failing.implAfter());
        return s.toString();
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
