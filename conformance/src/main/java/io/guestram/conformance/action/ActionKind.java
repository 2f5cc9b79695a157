package io.guestram.conformance.action;

import java.util.function.Function;

/**
 * The calls of the interface, each with its default weight in random runs, its generator and
 * its parser from trace arguments. {@link #label()} is the call's trace name.
 */
public enum ActionKind {
    REGISTER_AT("register_at", 3, RegisterAtAction::generate, RegisterAtAction::parse),
    REGISTER("register", 2, RegisterAction::generate, RegisterAction::parse),
    MARK_ALLOCATED("mark_allocated", 3, MarkAllocatedAction::generate, MarkAllocatedAction::parse),
    ALLOCATE("allocate", 4, AllocateAction::generate, AllocateAction::parse),
    FREE("free", 4, FreeAction::generate, FreeAction::parse),
    LARGEST("largest", 2, LargestAction::generate, LargestAction::parse),
    TOUCH("touch", 2, TouchAction::generate, TouchAction::parse),
    READ("read", 1, ReadAction::generate, ReadAction::parse),
    WRITE("write", 1, WriteAction::generate, WriteAction::parse);

    private final String label;
    private final int defaultWeight;
    private final Function<Generation, Action> generator;
    private final Function<Arguments, Action> parser;

    ActionKind(String label, int defaultWeight, Function<Generation, Action> generator,
               Function<Arguments, Action> parser) {
        this.label = label;
        this.defaultWeight = defaultWeight;
        this.generator = generator;
        this.parser = parser;
    }

    public String label() {
        return label;
    }

    public int defaultWeight() {
        return defaultWeight;
    }

    /** A generated call; on a machine ({@link Generation#onMachine}) its ranges lie inside the limit. */
    public Action generate(Generation g) {
        return g.confined(generator.apply(g));
    }

    public Action parse(Arguments arguments) {
        return parser.apply(arguments);
    }

    /** True for the queries: when they succeed, they change nothing (touch's callbacks only look). */
    public boolean isQuery() {
        return this == LARGEST || this == TOUCH || this == READ;
    }

    public static ActionKind byLabel(String label) {
        for (ActionKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown call '" + label + "'");
    }
}
