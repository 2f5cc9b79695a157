package io.guestram.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The reference model, linear (and for allocate and largest quadratic) by design, so only up to
 * 10^4 pieces: at 10^5 one allocate takes minutes.
 */
@State(Scope.Benchmark)
public class ModelBenchmark extends CallBenchmark {

    @Param({"100", "1000", "10000"})
    public int n;

    @Param({"model"})
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
