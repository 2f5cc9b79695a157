package io.guestram.impl;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.U64;
import io.guestram.Window;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The guest RAM calls as Lincheck operations, over a small bounded configuration: 64 addresses,
 * 4-byte pages, a window {@code [40, 63]} for {@code register}. Each subclass picks the guest
 * RAM under test; {@link Sequential} is the sequential specification, the reference model.
 *
 * <p>Every operation but {@code memoryMap} returns a string (its result, or the error code of a
 * rejection), so that two results are equal iff the calls agreed, error code included; Lincheck
 * alone would compare exceptions by class only. The initial state registers {@code [0, 40)}
 * and allocates {@code [8, 16)}, so that scenarios of a few calls reach every kind of outcome:
 * allocations that succeed and collide, frees of what another thread allocated, reads that see
 * another thread's write.
 */
@Param(name = "address", gen = IntGen.class, conf = "0:63")
@Param(name = "size", gen = IntGen.class, conf = "1:12")
@Param(name = "value", gen = IntGen.class, conf = "1:9")
public abstract class GuestRamOperations {

    static final Config CONFIG = Config.bounded(Profile.SPEC, 64, 4, List.of(new Window(40, 63)));

    private final GuestRam ram;

    protected GuestRamOperations(GuestRam ram) {
        this.ram = ram;
        ram.registerAt(0, 40, false);
        ram.markAllocated(8, 8);
    }

    @Operation
    public String registerAt(@Param(name = "address") int start, @Param(name = "size") int size) {
        return call(() -> {
            ram.registerAt(start, size, false);
            return "ok";
        });
    }

    @Operation
    public String register(@Param(name = "size") int size) {
        return call(() -> U64.hex(ram.register(size)));
    }

    @Operation
    public String allocate(@Param(name = "size") int size) {
        return call(() -> U64.hex(ram.allocate(size)));
    }

    @Operation
    public String markAllocated(@Param(name = "address") int start, @Param(name = "size") int size) {
        return call(() -> {
            ram.markAllocated(start, size);
            return "ok";
        });
    }

    @Operation
    public String free(@Param(name = "address") int start, @Param(name = "size") int size) {
        return call(() -> {
            ram.free(start, size);
            return "ok";
        });
    }

    @Operation
    public String largest() {
        return call(() -> {
            Region r = ram.findLargestFreeRegion();
            return U64.hex(r.start()) + "+" + U64.hex(r.size());
        });
    }

    @Operation
    public String read(@Param(name = "address") int address, @Param(name = "size") int size) {
        return call(() -> HexFormat.of().formatHex(ram.read(address, size)));
    }

    /** Writes {@code size} bytes, each {@code value}: enough to tell whose write a read saw. */
    @Operation
    public String write(@Param(name = "address") int address, @Param(name = "size") int size,
            @Param(name = "value") int value) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) value);
        return call(() -> {
            ram.write(address, data);
            return "ok";
        });
    }

    /** The pieces themselves (records, so equal iff the maps are): formatting them costs. */
    @Operation
    public List<Piece> memoryMap() {
        return ram.memoryMap();
    }

    private interface Call {
        String run();
    }

    private static String call(Call call) {
        try {
            return call.run();
        } catch (GuestRamException e) {
            return e.code().name();
        }
    }

    /** The sequential specification: the reference model. */
    public static final class Sequential extends GuestRamOperations {
        public Sequential() {
            super(new io.guestram.model.ReferenceModel(CONFIG));
        }
    }
}
