// Issue 16 (bench/RESULTS.md): times one ScalingBenchmark call in batches, for a machine too busy for
// JMH's 300 ms iterations. Not part of the build; run as a single-file program:
//   java -Xms4g -Xmx4g -cp cli/target/guestram.jar bench/issue16-batch-timer.java free 1000000 1000 [impl|port]
// Prints the 10th percentile, the median and the minimum over the batches of ns per call.
import io.guestram.bench.ScalingBenchmark;

import java.util.Arrays;

/** Times one ScalingBenchmark method in batches of calls; prints p10 and p50 ns per call over the batches. */
public class Harness {
    public static void main(String[] args) throws Exception {
        String method = args[0];
        int n = Integer.parseInt(args[1]);
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        ScalingBenchmark b = new ScalingBenchmark();
        b.n = n; b.subject = args.length > 3 ? args[3] : "impl"; b.layout = "fragmented";
        b.build();
        Runnable r = switch (method) {
            case "registerAt" -> b::registerAt;
            case "markAllocated" -> b::markAllocated;
            case "allocate" -> () -> b.allocate();
            case "free" -> b::free;
            case "largestFree" -> () -> b.largestFree();
            case "touch1" -> () -> b.touch1();
            case "touch64" -> () -> b.touch64();
            case "read4k" -> () -> b.read4k();
            case "write4k" -> b::write4k;
            default -> throw new IllegalArgumentException(method);
        };
        int batch = 1024;
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) { for (int i = 0; i < batch; i++) r.run(); }
        double[] t = new double[batches];
        for (int k = 0; k < batches; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) r.run();
            t[k] = (System.nanoTime() - t0) / (double) batch;
        }
        Arrays.sort(t);
        System.out.printf("%s n=%d p10=%.1f p50=%.1f min=%.1f%n", method, n, t[batches / 10], t[batches / 2], t[0]);
    }
}
