package io.guestram.bench;

import static io.guestram.cli.Schemas.assertValid;

import io.guestram.explorer.Explorer;
import io.guestram.explorer.ModelConfig;
import io.guestram.explorer.Tlc;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code guestram bench --json} satisfies docs/schemas/bench.schema.json. A real bench takes minutes,
 * so the report is filled here the way BenchRun fills it (the machine described by BenchRun itself, a
 * real exploration, measurements made up) and written by the real {@link Report#json()}. In the
 * bench package to reach the report's fields; it lives in cli, beside the other schema tests.
 */
class BenchJsonSchemaTest {

    private static Report report(Tlc.Result tlc) {
        Report report = new Report();
        report.mode = "quick";
        report.settings = "JMH in this JVM";
        BenchRun.describeMachine(report);
        for (String subject : new String[] {"impl", "port"}) {
            for (String call : Report.CALLS.values()) {
                report.put(subject, Report.PRIMARY_LAYOUT, call, 100, new Report.Cell(120.5, 3.0, 0));
                report.put(subject, Report.PRIMARY_LAYOUT, call, 1_000_000, new Report.Cell(Double.NaN, Double.NaN, Double.NaN));
            }
        }
        report.heap.add(new HeapPerPiece.Result("impl", 1_000_000, 48_000_000, 50_000_000));
        Path cfg = Path.of("..", "spec", "MC_Sel4TouchUnmapped.cfg");
        report.exploration = new ExplorerVsTlc.Result("MC_Sel4TouchUnmapped", new Explorer(ModelConfig.read(cfg)).run(), tlc,
                tlc == null ? Tlc.skipNotice() : "TLC " + tlc.version());
        return report;
    }

    @Test
    void withoutTlc() {
        assertValid("bench", report(null).json());
    }

    @Test
    void withTlc() {
        Tlc.Result tlc = new Tlc.Result("MC_Sel4TouchUnmapped", false, 9000, 1606, 4, java.util.Map.of("Touch", 4000L), "2026.11.25", 2.5, 2.1, "",
                Optional.of("TouchOfRegisteredRamSucceeds"), 3);
        assertValid("bench", report(tlc).json());
    }
}
