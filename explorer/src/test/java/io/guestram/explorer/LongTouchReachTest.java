package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Chunk;
import io.guestram.GuestRam;
import io.guestram.Profile;
import io.guestram.call.Call;
import io.guestram.call.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 asks for a passing configuration of each profile with 8 or more addresses in which a
 * touch of head, whole page(s) and tail is reachable. Every call is enabled in every state, so
 * such a touch is reachable once TLC has reached a state from which it walks so: each witness
 * below replays its calls with the explorer's semantics, finds every state on the way in TLC's
 * committed dump of the configuration (which SpecAgreementTest binds to the spec's text and to
 * the explorer), then walks the touch.
 */
class LongTouchReachTest {

    /** Calls from the initial state, then touch(address, size) with no callback stopping it. */
    record Witness(String config, List<Call> calls, long address, long size, int chunks) {
        @Override
        public String toString() {
            return config + ": " + calls.stream().map(Call::toString).toList() + ", touch(" + address + ", " + size + ")";
        }
    }

    static List<Witness> witnesses() {
        return List.of(
                // register_at(0, 8) registers every address: touch(1, 6) walks 1, 2..3, 4..5, 6.
                new Witness("MC_ThreeWindows", List.of(new Call.RegisterAt(0, 8, false)), 1, 6, 4),
                // The first register(2) takes 2..3 of window {1, 2, 3}, the second 6..7 at the top of
                // window {6, 7}; register_at(8, 3) joins it into one entry 6..10 with pages 6, 8 and
                // 10 mapped: 7, 8..9, 10.
                new Witness("MC_Sel4Eight", List.of(new Call.Register(2), new Call.Register(2),
                        new Call.RegisterAt(8, 3, false)), 7, 4, 3),
                // register_at(8, 8) instead: one entry 6..15, every page mapped: 7, 8..9, 10..11, 12..13, 14.
                new Witness("MC_Sel4Eight", List.of(new Call.Register(2), new Call.Register(2),
                        new Call.RegisterAt(8, 8, false)), 7, 8, 5));
    }

    @Test
    void everyProfileHasAWitness() {
        Set<Profile> covered = EnumSet.noneOf(Profile.class);
        for (Witness w : witnesses()) {
            covered.add(ModelConfig.read(SpecAgreementTest.SPEC.resolve(w.config() + ".cfg")).config().profile());
        }
        assertEquals(EnumSet.allOf(Profile.class), covered);
    }

    @ParameterizedTest
    @MethodSource("witnesses")
    void aPassingConfigurationOfEightAddressesReachesATouchOfHeadWholePagesAndTail(Witness w) {
        ModelConfig config = ModelConfig.read(SpecAgreementTest.SPEC.resolve(w.config() + ".cfg"));
        Manifest manifest = SpecAgreementTest.MANIFEST;
        assertTrue(manifest.entry(w.config()).isPresent(), w.config() + " has no record in the manifest");
        assertTrue(manifest.expectedViolation(w.config()).isEmpty(), w.config() + " is a known-bug configuration");
        assertFalse(manifest.explorerOnly(w.config()), w.config() + " has no TLC dump");
        long addresses = config.config().lastAddress() + 1;
        assertTrue(addresses >= 8, w.config() + " has " + addresses + " addresses");

        Semantics semantics = Semantics.of(config.config(), config.byteValues());
        Set<String> tlcReached = TlcDump.read(Path.of(SpecAgreementTest.SPEC.toString(), "golden", w.config() + ".dump.gz"),
                config.view());
        GuestRam model = semantics.initial();
        List<Call> done = new ArrayList<>();
        for (Call call : w.calls()) {
            Outcome outcome = call.apply(model);
            done.add(call);
            assertTrue(outcome.isOk(), w + ": " + call + " failed: " + outcome);
            ExploredState state = new ExploredState(model, call, outcome, Semantics.contents(model, semantics.contentsLength()));
            assertTrue(tlcReached.contains(semantics.canonical(state, !config.view())),
                    w.config() + ": TLC's dump lacks the state after " + done);
        }

        Outcome touch = new Call.Touch(w.address(), w.size(), 0, 0).apply(model);
        assertTrue(touch.isOk() && touch.values().equals(List.of(0L)), w + ": " + touch);
        List<Chunk> chunks = touch.chunks();
        assertEquals(w.chunks(), chunks.size(), w + ": " + chunks);
        long page = config.config().pageSize();
        assertTrue(w.address() % page != 0 && chunks.get(0).size() < page, w + ": no head " + chunks);
        assertTrue(chunks.get(chunks.size() - 1).size() < page, w + ": no tail " + chunks);
        long offset = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            assertEquals(offset, c.offset(), w + ": chunk " + i + " of " + chunks);
            if (i > 0 && i < chunks.size() - 1) {
                assertEquals(page, c.size(), w + ": chunk " + i + " is not a whole page: " + chunks);
            }
            offset += c.size();
        }
        assertEquals(w.size(), offset, w + ": the chunks do not cover the range: " + chunks);
    }
}
