package io.guestram.explorer;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import java.util.Optional;

/**
 * What the explorer needs of a profile's specification: the model to start from, how to copy
 * it, the length of its {@code contents}, the TLA+ state it stands for, and the spec's checks by
 * name.
 */
interface Semantics {

    GuestRam initial();

    GuestRam copy(GuestRam model);

    /** How many addresses the spec's {@code contents} covers. */
    int contentsLength();

    /**
     * The state in the canonical TLA+ text of {@link TlaValues}, as TLC would dump it; without
     * {@code last} when {@code withLast} is false (the spec's {@code View}).
     */
    String canonical(ExploredState state, boolean withLast);

    Optional<StateCheck> invariant(String name);

    Optional<StepCheck> property(String name);

    /** An invariant: a predicate of one state. */
    @FunctionalInterface
    interface StateCheck {
        boolean holds(ExploredState state);
    }

    /** An action property: a predicate of one step. */
    @FunctionalInterface
    interface StepCheck {
        boolean holds(ExploredState before, ExploredState after);
    }

    static Semantics of(Config config, int byteValues) {
        return switch (config.profile()) {
            case SPEC -> new SpecSemantics(config, byteValues);
            case SEL4 -> new Sel4Semantics(config, byteValues);
        };
    }

    /**
     * The spec's {@code contents} of a model, read through its public interface: each registered
     * byte by a one-byte touch whose callback copies the chunk's memory. A byte no touch reaches
     * (unregistered, or on an unmapped page in profile sel4) was never written: 0.
     */
    static byte[] contents(GuestRam model, int length) {
        byte[] contents = new byte[length];
        for (Piece p : model.memoryMap()) {
            for (long b = p.first(); b <= p.last() && b < length; b++) {
                byte[] one = new byte[1];
                try {
                    model.touch(b, 1, (Chunk chunk, io.guestram.ChunkMemory memory) -> {
                        memory.copyTo(one, 0);
                        return 0;
                    });
                } catch (GuestRamException e) {
                    continue; // not touchable as one byte: never written
                }
                contents[(int) b] = one[0];
            }
        }
        return contents;
    }
}
