package io.guestram.bench;

import io.guestram.GuestRam;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.vm.VM;

/**
 * Retained heap bytes per piece of a guest RAM holding the fragmented layout: JOL's walk of the
 * object graph (every object reachable from the guest RAM, exact sizes for this JVM), and, as a
 * cross-check, the growth of the used heap across building it, each after System.gc().
 */
final class HeapPerPiece {

    /** One subject's figures at n pieces. */
    record Result(String subject, int pieces, long jolBytes, long heapDeltaBytes) {

        double jolPerPiece() {
            return (double) jolBytes / pieces;
        }

        double heapDeltaPerPiece() {
            return (double) heapDeltaBytes / pieces;
        }

        String toJson() {
            return String.format(Locale.ROOT,
                    "{\"pieces\": %d, \"jolBytes\": %d, \"bytesPerPiece\": %.2f, \"heapDeltaBytesPerPiece\": %.2f}",
                    pieces, jolBytes, jolPerPiece(), heapDeltaPerPiece());
        }
    }

    private HeapPerPiece() {}

    static Result measure(Subject subject, int pieces) {
        initJol();
        Layout layout = Layout.fragmented(pieces);
        long before = usedAfterGc();
        GuestRam ram = subject.build(layout);
        long after = usedAfterGc();
        long jol = GraphLayout.parseInstance(ram).totalSize();
        long delta = after - before;
        Reference.reachabilityFence(ram);
        return new Result(subject.label(), pieces, jol, delta);
    }

    /**
     * JOL reads field offsets through Unsafe, which refuses records unless JOL computes the
     * offsets itself; and it says on stdout that it cannot attach its agent, which is harmless
     * for sizes (the layout is computed), so that line is swallowed.
     */
    private static synchronized void initJol() {
        System.setProperty("jol.magicFieldOffset", "true");
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try {
            System.setOut(sink);
            System.setErr(sink);
            VM.current();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
