package io.guestram.explorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.guestram.Profile;
import org.junit.jupiter.api.Test;

class ExplorerTest {

    private static final String ALL_CHECKS = """
            INVARIANT TypeOK
            INVARIANT AllocatedIsRegistered
            INVARIANT LargestFreeIsMaximal
            INVARIANT TouchChunksPartitionRange
            PROPERTY ResultsFollowTable
            PROPERTY RejectedCallChangesNothing
            """;

    private static ModelConfig config(String constants) {
        return ModelConfig.parse("MC_Test", "CONSTANTS\n" + constants + "\nByteValues = 2\nINIT Init\nNEXT Next\n" + ALL_CHECKS, "test.cfg");
    }

    @Test
    void theModelSatisfiesEverySpecCheckInATinySpace() {
        Exploration e = new Explorer(config("Limit = 3\nPageSize = 2\nWindows = {{0, 1, 2}}")).run();
        System.out.println(e.summary());
        assertTrue(e.holds(), () -> e.violations().get(0).describe());
    }

    @Test
    void aSpaceWithoutWindowsStillReachesAllocationThroughRegisterAt() {
        Exploration e = new Explorer(config("Limit = 1\nPageSize = 1\nWindows = {}")).run();
        assertTrue(e.holds(), () -> e.violations().get(0).describe());
        // register_at, write a 1, mark_allocated (or allocate), then free: the deepest new state
        // (byte 0 registered, free and holding 1 after having been allocated) is 5 levels down.
        assertEquals(5, e.depth());
    }

    @Test
    void theSel4ModelKeepsItsOwnInvariantsAndBreaksTheSpecsPromises() {
        String constants = "CONSTANTS\nLimit = 3\nPageSize = 2\nWindows = {{2}}\nByteValues = 2\nINIT Init\nNEXT Next\n";
        String own = "INVARIANT TypeOK\nINVARIANT EntriesSortedAndCollapsed\nINVARIANT EntriesDisjoint\n"
                + "INVARIANT EntriesLieInReservedPages\nINVARIANT ErrorsAreSpelledOut\nINVARIANT ResultsHaveTheirShape\n"
                + "PROPERTY FreeIsANoOp\nPROPERTY RejectedCallKeepsEntries\nPROPERTY RegistrationIsPermanent\n";
        Exploration holds = new Explorer(ModelConfig.parse("MC_Sel4", constants + own, "s.cfg", Profile.SEL4)).run();
        assertTrue(holds.holds(), () -> holds.violations().get(0).describe());
        System.out.println(holds.summary());

        Exploration broken = new Explorer(ModelConfig.parse("MC_Sel4Promises",
                constants + "PROPERTY FreeReleasesTheRange\n", "p.cfg", Profile.SEL4)).run();
        assertFalse(broken.holds());
        assertEquals(3, broken.violations().get(0).path().size(), "register_at, allocate, free: "
                + broken.violations().get(0).describe());

        Exploration touch = new Explorer(ModelConfig.parse("MC_Sel4Touch",
                constants + "INVARIANT TouchOfRegisteredRamSucceeds\n", "t.cfg", Profile.SEL4)).run();
        assertFalse(touch.holds());
        System.out.println(touch.violations().get(0).describe());
    }

    @Test
    void anUnknownInvariantIsAnErrorNamingIt() {
        ModelConfig c = ModelConfig.parse("MC_X", "CONSTANTS\nLimit = 2\nPageSize = 1\nWindows = {}\nByteValues = 1\nINVARIANT Bogus\n", "x.cfg");
        ConfigException e = assertThrows(ConfigException.class, () -> new Explorer(c));
        assertTrue(e.getMessage().contains("Bogus"), e.getMessage());
    }

    @Test
    void badConstantsNameTheFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ModelConfig.parse("MC_X", "CONSTANTS\nLimit = 2\nPageSize = 3\nWindows = {}\n", "x.cfg"));
        assertTrue(e.getMessage().contains("x.cfg") && e.getMessage().contains("power of two"), e.getMessage());
        ConfigException line = assertThrows(ConfigException.class,
                () -> ModelConfig.parse("MC_X", "CONSTANTS\nLimit = 3\nPageSize = 1\nWindows = {{0, 2}}\n", "x.cfg"));
        assertTrue(line.getMessage().contains("x.cfg:4") && line.getMessage().contains("not contiguous"), line.getMessage());
    }

    @Test
    void everyPathToASuccessfulFreeRegistersAndAllocatesFirst() {
        ModelConfig c = config("Limit = 2\nPageSize = 1\nWindows = {{0, 1}}");
        int[] maxPath = {0};
        new Explorer(c).forEachReachable((path, state) -> {
            if (state.op().equals("Free") && state.code().equals("OK")) {
                assertTrue(path.size() >= 3, "a successful free needs a registration and an allocation first: " + path);
            }
            maxPath[0] = Math.max(maxPath[0], path.size());
            assertFalse(path.stream().anyMatch(java.util.Objects::isNull));
        });
        assertTrue(maxPath[0] > 0);
    }
}
