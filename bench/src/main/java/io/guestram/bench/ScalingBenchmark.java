package io.guestram.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The optimized implementation and the port of libsel4vm, side by side, from 10^2 to 10^6 pieces. */
@State(Scope.Benchmark)
public class ScalingBenchmark extends CallBenchmark {

    @Param({"100", "1000", "10000", "100000", "1000000"})
    public int n;

    @Param({"impl", "port"})
    public String subject;

    @Param({"fragmented", "random"})
    public String layout;

    @Override
    protected int pieces() {
        return n;
    }

    @Override
    protected String subject() {
        return subject;
    }

    @Override
    protected String layout() {
        return layout;
    }
}
