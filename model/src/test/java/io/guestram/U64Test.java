package io.guestram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class U64Test {

    @Test
    void parsesDecimalAndHexUpTo2To64Minus1() {
        assertEquals(0, U64.parse("0"));
        assertEquals(4096, U64.parse("4096"));
        assertEquals(4096, U64.parse(" 0x1000 "));
        assertEquals(0x1f, U64.parse("0X1F"));
        assertEquals(1L << 63, U64.parse("9223372036854775808"));
        assertEquals(U64.MAX, U64.parse("18446744073709551615"));
        assertEquals(U64.MAX, U64.parse("0xffff_ffff_ffff_ffff"));
        assertEquals(1, U64.parse("00000000000000000001"));
    }

    @Test
    void refusesWhatIsNotAnUnsigned64BitNumber() {
        for (String bad : List.of("", "0x", "-1", "-0", "+1", "18446744073709551616", "0x10000000000000000", "1e3", "0x1g",
                "\u0661\u0662\u0663", "\uff11", "0x\u0661", "1.5")) {
            assertThrows(NumberFormatException.class, () -> U64.parse(bad), bad);
        }
    }
}
