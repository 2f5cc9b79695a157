package io.guestram.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.call.Call;
import io.guestram.conformance.action.ActionKind;
import io.guestram.conformance.action.Generation;
import io.guestram.conformance.action.Phase;
import io.guestram.model.Sel4Model;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A 48-bit machine (profile sel4, {@code --limit 2^48}): the rotation keeps its window at the top
 * of the smaller space, and no generated call names an address past the limit or wraps past 2^64,
 * so that an implementation whose vspace indexes 48 bits (libsel4vm with sel4utils on aarch64) can
 * be checked. With the limit 2^64 the generators still reach 2^64.
 */
class MachineConfigurationsTest {

    private static final long MACHINE = 1L << 48;

    @Test
    void aPinnedLimitMovesTheWindowAtTheTopAndLeavesOutWindowsItHasNoRoomFor() {
        List<Configurations.Named> rotation = Configurations.pinned(Profile.SEL4, null, MACHINE, null);
        assertEquals(List.of("guest RAM at 1 GiB (camkes-vm qemu-arm-virt), pinned", "window at the top, pinned",
                "unaligned windows, pinned", "no window, pinned", "several windows, pinned"),
                rotation.stream().map(Configurations.Named::name).toList(), "the upper half (2^63 bytes) has no room");
        Config top = rotation.get(1).config();
        assertEquals(MACHINE - 1, top.lastAddress());
        assertEquals(List.of(new Window(MACHINE - 0x1000000, MACHINE - 1)), top.windows());
        assertEquals(Configurations.rotation(Profile.SEL4).get(3).config().windows(), rotation.get(2).config().windows());
    }

    @Test
    void underSpecTheWholeSpaceWindowHasNoRoomAndTopWindowsMove() {
        List<Configurations.Named> rotation = Configurations.pinned(Profile.SPEC, null, MACHINE, null);
        assertTrue(rotation.stream().noneMatch(n -> n.name().startsWith("default")), rotation.toString());
        Config unaligned = rotation.get(0).config();
        assertEquals(new Window(MACHINE - 1 - 0x9ffc, MACHINE - 1), unaligned.windows().get(2));
    }

    @Test
    void onAMachineNoGeneratedCallReachesPastTheLimitAndRegistrationsAreRealSizes() {
        int registrations = 0;
        long largest = 0;
        for (Configurations.Named n : Configurations.pinned(Profile.SEL4, null, MACHINE, null)) {
            SplittableRandom random = new SplittableRandom(3);
            for (int run = 0; run < 10; run++) {
                Sel4Model ram = new Sel4Model(n.config());
                for (int i = 0; i < 200; i++) {
                    Generation g = new Generation(random, n.config(), ram.memoryMap(), Phase.of(i));
                    assertTrue(g.onMachine());
                    Call call = ActionKind.values()[g.nextInt(ActionKind.values().length)].generate(g).call();
                    long[] range = range(call);
                    if (range != null) {
                        assertTrue(U64.atMost(range[1], MACHINE - range[0]) && U64.lessThan(range[0], MACHINE),
                                n.name() + ": " + call + " reaches past 2^48");
                    }
                    if (call.apply(ram).isOk() && (call instanceof Call.RegisterAt || call instanceof Call.Register)) {
                        registrations++;
                    }
                    if (call instanceof Call.RegisterAt r) {
                        largest = Math.max(largest, r.size());
                    }
                    if (call instanceof Call.Register r) {
                        assertTrue(U64.atMost(r.size(), 1L << Generation.MACHINE_REGISTRATION_LOG2), call.toString());
                    }
                    for (Piece p : ram.memoryMap()) {
                        assertTrue(U64.lessThan(p.last(), MACHINE), n.name() + ": " + p + " after " + call);
                    }
                }
            }
        }
        assertTrue(registrations > 500, registrations + " successful registrations");
        assertTrue(largest <= 1L << Generation.MACHINE_REGISTRATION_LOG2 && largest >= 1L << 28, "largest " + largest);
    }

    @Test
    void onATinyMachineEvenReadsAndWritesFit() {
        Config tiny = Config.bounded(Profile.SEL4, 16, 4, List.of(Window.of(8, 12)));
        SplittableRandom random = new SplittableRandom(9);
        Sel4Model ram = new Sel4Model(tiny);
        for (int i = 0; i < 3000; i++) {
            Generation g = new Generation(random, tiny, ram.memoryMap(), Phase.of(i));
            Call call = ActionKind.values()[g.nextInt(ActionKind.values().length)].generate(g).call();
            long[] range = range(call);
            if (range != null) {
                assertTrue(U64.atMost(range[1], 16 - range[0]) && U64.lessThan(range[0], 16), call.toString());
            }
            call.apply(ram);
        }
    }

    @Test
    void withTheLimit2To64Sel4CallsStillWrapPast2To64() {
        Config config = Config.defaults(Profile.SEL4);
        SplittableRandom random = new SplittableRandom(3);
        int wrapping = 0;
        for (int i = 0; i < 2000; i++) {
            Generation g = new Generation(random, config, List.of(), Phase.of(i));
            long[] range = range(ActionKind.REGISTER_AT.generate(g).call());
            if (range[1] != 0 && U64.lessThan(range[0] + range[1] - 1, range[0])) {
                wrapping++;
            }
        }
        assertTrue(wrapping > 0, "no register_at wrapped past 2^64");
    }

    /** {start, size} of the call's range, or null for calls without one. */
    private static long[] range(Call call) {
        if (call instanceof Call.RegisterAt r) {
            return new long[] {r.start(), r.size()};
        }
        if (call instanceof Call.MarkAllocated m) {
            return new long[] {m.start(), m.size()};
        }
        if (call instanceof Call.Free f) {
            return new long[] {f.start(), f.size()};
        }
        if (call instanceof Call.Touch t) {
            return new long[] {t.address(), t.size()};
        }
        if (call instanceof Call.Read r) {
            return new long[] {r.address(), r.size()};
        }
        if (call instanceof Call.Write w) {
            return new long[] {w.address(), w.data().length};
        }
        if (call instanceof Call.Register r) {
            return new long[] {0, r.size()};
        }
        return null;
    }
}
