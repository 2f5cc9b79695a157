package io.guestram.conformance.report;

import io.guestram.conformance.ConformanceResult;
import io.guestram.conformance.Counterexample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a campaign's report directory: result.json, summary.txt and report.html, and for a
 * counterexample counterexample.txt (program), counterexample.jsonl (trace) and
 * CounterexampleTest.java (JUnit method).
 */
public final class ReportWriter {

    private ReportWriter() {}

    public static void write(Path dir, ConformanceResult result) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("result.json"), result.toJson() + "\n");
        Files.writeString(dir.resolve("summary.txt"), result.summary());
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(result));
        Counterexample c = result.counterexample();
        if (c != null) {
            Files.writeString(dir.resolve("counterexample.txt"), c.program());
            Files.writeString(dir.resolve("counterexample.jsonl"), c.trace());
            Files.writeString(dir.resolve("CounterexampleTest.java"), c.junit());
        }
    }
}
