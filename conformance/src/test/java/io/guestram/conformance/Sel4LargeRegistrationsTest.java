package io.guestram.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Config;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import io.guestram.conformance.action.ActionKind;
import io.guestram.conformance.action.Generation;
import io.guestram.conformance.action.Phase;
import io.guestram.model.Sel4Model;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generators of a sel4 campaign reach registrations of 2^40 bytes and more, which the sel4
 * model takes (its pages are runs), and the accesses generated afterwards work inside them.
 */
class Sel4LargeRegistrationsTest {

    private static final long TERA = 1L << 40;

    @Test
    void campaignGeneratorsRegisterAndAccessHugeRangesUnderSel4() {
        Config config = Config.defaults(Profile.SEL4);
        SplittableRandom random = new SplittableRandom(5);
        List<ActionKind> kinds = List.of(ActionKind.REGISTER, ActionKind.REGISTER_AT, ActionKind.TOUCH,
                ActionKind.READ, ActionKind.WRITE);
        int hugeRegistrations = 0;
        int accessesInHugeEntries = 0;
        for (int run = 0; run < 20; run++) {
            Sel4Model ram = new Sel4Model(config);
            for (int i = 0; i < 60; i++) {
                List<Piece> map = ram.memoryMap();
                Generation g = new Generation(random, config, map, Phase.of(i));
                Call call = kinds.get(g.nextInt(kinds.size())).generate(g).call();
                Outcome outcome = call.apply(ram);
                if (!outcome.isOk()) {
                    continue;
                }
                if (registeredBytes(call) >= TERA) {
                    hugeRegistrations++;
                }
                if (accessAddress(call) != null && inHugePiece(map, accessAddress(call))) {
                    accessesInHugeEntries++;
                }
            }
        }
        assertTrue(hugeRegistrations >= 5, hugeRegistrations + " registrations of 2^40 bytes or more");
        assertTrue(accessesInHugeEntries >= 5, accessesInHugeEntries + " touches, reads or writes inside them");
    }

    /** The size a successful registration recorded, as an unsigned number compared below 2^63 or not. */
    private static long registeredBytes(Call call) {
        long size = call instanceof Call.Register r ? r.size() : call instanceof Call.RegisterAt r ? r.size() : 0;
        return size < 0 ? Long.MAX_VALUE : size;
    }

    private static Long accessAddress(Call call) {
        return call instanceof Call.Touch t ? Long.valueOf(t.address())
                : call instanceof Call.Read r ? Long.valueOf(r.address())
                : call instanceof Call.Write w ? Long.valueOf(w.address()) : null;
    }

    private static boolean inHugePiece(List<Piece> map, long address) {
        return map.stream().anyMatch(p -> Long.compareUnsigned(p.first(), address) <= 0
                && Long.compareUnsigned(address, p.last()) <= 0 && Long.compareUnsigned(p.size(), TERA) >= 0);
    }
}
