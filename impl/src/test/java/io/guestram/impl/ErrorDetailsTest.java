package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.GuestRamException;
import io.guestram.Profile;
import io.guestram.TouchCallback;
import io.guestram.Window;
import io.guestram.model.ReferenceModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a failure says, beyond its error code: the messages people read in reports. The impl's
 * must match the model's where the model's come from the JVM (a callback's short array), and
 * name the cause where the impl chooses the words.
 */
class ErrorDetailsTest {

    private static final Config CONFIG = Config.bounded(Profile.SPEC, 64, 8, List.of(new Window(0, 63)));

    @Test
    void aShortArrayFailsWithTheModelsMessage() {
        int[][] cases = {{3, 0}, {3, 1}, {3, 3}, {3, 5}, {0, 0}, {10, 4}};
        for (int[] c : cases) {
            int length = c[0];
            int offset = c[1];
            TouchCallback into = (chunk, memory) -> {
                memory.copyTo(new byte[length], offset);
                return 0;
            };
            TouchCallback from = (chunk, memory) -> {
                memory.copyFrom(new byte[length], offset);
                return 0;
            };
            for (TouchCallback callback : List.of(into, from)) {
                assertEquals(message(new ReferenceModel(CONFIG), callback), message(new OptimizedGuestRam(CONFIG), callback),
                        "array of " + length + " from offset " + offset);
            }
        }
    }

    private static String message(GuestRam ram, TouchCallback callback) {
        ram.registerAt(0, 16, false);
        return assertThrows(ArrayIndexOutOfBoundsException.class, () -> ram.touch(0, 8, callback)).getMessage();
    }

    @Test
    void anInvalidRangeSaysWhy() {
        OptimizedGuestRam ram = new OptimizedGuestRam(CONFIG);
        assertEquals("INVALID_RANGE: 0x4+0x0: size is 0",
                assertThrows(GuestRamException.class, () -> ram.registerAt(4, 0, false)).getMessage());
        assertEquals("INVALID_RANGE: 0x3c+0x5: does not fit below the address limit",
                assertThrows(GuestRamException.class, () -> ram.free(60, 5)).getMessage());
    }
}
