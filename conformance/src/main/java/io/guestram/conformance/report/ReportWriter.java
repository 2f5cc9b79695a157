package io.guestram.conformance.report;

import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.Counterexample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.run.StepRecord;

/**
 * Writes a campaign's report directory: result.json, summary.txt and report.html, and for a
 * counterexample counterexample.txt (program), counterexample.jsonl (trace),
 * CounterexampleTest.java (JUnit method) and, where the spec can express it,
 * counterexample.itf.json (ITF, the trace format of Apalache and Quint); for a failure that does
 * not reproduce every time, flaky.txt instead.
 */
public final class ReportWriter {

    private ReportWriter() {}

    /**
     * The counterexample as an ITF trace of spec/GuestRam.tla or spec/GuestRamSel4.tla (model
     * results), when the spec can express it: no read or write, sets small enough to list.
     */
    static Optional<String> itf(Counterexample c) {
        List<Call> calls = c.steps().stream().map(s -> s.action().call()).toList();
        List<Outcome> outcomes = c.steps().stream().map(StepRecord::model).toList();
        try {
            return Optional.of(Itf.export(c.config(), calls, outcomes));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static void write(Path dir, ConformanceResult result) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("result.json"), result.toJson() + "\n");
        Files.writeString(dir.resolve("summary.txt"), result.summary());
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(result));
        Counterexample c = result.counterexample();
        if (c != null) {
            Files.writeString(dir.resolve("counterexample.txt"), ProgramReport.render(c));
            Files.writeString(dir.resolve("counterexample.jsonl"), JsonTrace.render(c.config(), c.steps()));
            Files.writeString(dir.resolve("CounterexampleTest.java"), JUnitReport.render(c));
            itf(c).ifPresent(text -> write(dir.resolve("counterexample.itf.json"), text));
        }
        if (result.flakiness() != null) {
            Files.writeString(dir.resolve("flaky.txt"), result.flakiness().report());
        }
    }
}
