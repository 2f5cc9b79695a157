package io.guestram.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.Profile;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.model.Sel4Model.PageRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of profile sel4 that the checklist tests (Sel4ModelTest) pass by: exact fits at a
 * window's end, the window of all 2^64 addresses, which pages register and register_at reserve
 * and map, a page that meets a window, and the memory map the entries make.
 */
class Sel4ModelEdgesTest {

    private static final long P = 0x1000;

    private static Sel4Model with(Window... windows) {
        return new Sel4Model(new Config(Profile.SEL4, U64.MAX, P, List.of(windows)));
    }

    private static ErrorCode failure(Runnable call) {
        return assertThrows(GuestRamException.class, call::run).code();
    }

    @Test
    void registerFillsAWindowExactlyToItsLastByte() {
        Sel4Model ram = with(Window.of(0x40000, 0x42000));
        assertEquals(0x40000, ram.register(0x2000));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(1)));
    }

    @Test
    void aWindowThatEndsAt2To64ReservesNothingSoRegisterAlwaysFails() {
        Sel4Model ram = with(new Window(0x1000, U64.MAX));
        assertEquals(ErrorCode.NO_SPACE, failure(() -> ram.register(0x3000)));
        assertEquals(List.of(0x4000L), ram.bumpPointers(), "the bump pointer moved before the mapping failed");
        assertEquals(List.of(), ram.mappedPages());
    }

    @Test
    void theWindowOfAllAddressesStartsAtZero() {
        Sel4Model ram = with(new Window(0, U64.MAX));
        assertEquals(0, ram.register(P), "its size, 2^64, is 0 in size_t: guestram special-cases the first fit");
        assertEquals(P, ram.register(P));
        assertEquals(List.of(2 * P), ram.bumpPointers());
    }

    @Test
    void registerMapsEveryPageItRecords() {
        Sel4Model ram = with(Window.of(0x40000, 0x50000));
        assertEquals(0x40000, ram.register(0x2800));
        assertEquals(List.of(new PageRun(0x40000, 0x42000)), ram.mappedPages());
        assertEquals(0, ram.touch(0x40000, 0x2800, (chunk, memory) -> 0));
    }

    @Test
    void registerAtReservesEveryPageOfTheRange() {
        Sel4Model ram = with();
        ram.registerAt(0x10000, 0x3000, false);
        assertEquals(List.of(new PageRun(0x10000, 0x12000)), ram.reservedPages());
        assertEquals(List.of(new PageRun(0x10000, 0x12000)), ram.mappedPages());
        assertEquals(ErrorCode.OVERLAP, failure(() -> ram.registerAt(0x12800, 0x10, false)), "the third page");
        ram.registerAt(0x13000, 0x10, false);
    }

    @Test
    void aPageMeetsAWindowIfAnyOfItsBytesDoes() {
        Sel4Model midPage = with(Window.of(0x41800, 0x43000));
        assertEquals(ErrorCode.OVERLAP, failure(() -> midPage.registerAt(0x41000, 0x10, false)), "the window starts mid-page");
        Sel4Model nextPage = with(Window.of(0x42000, 0x43000));
        nextPage.registerAt(0x41000, 0x10, false); // the page ends just below the window
        assertEquals(List.of(new PageRun(0x41000, 0x41000)), nextPage.reservedPages());
    }

    @Test
    void theMemoryMapIsTheEntries() {
        Sel4Model ram = with();
        ram.registerAt(0x10000, 0x4000, false);
        ram.markAllocated(0x11000, 0x1000);
        assertEquals(List.of(new Piece(0x10000, 0x10fff, false), new Piece(0x11000, 0x11fff, true),
                new Piece(0x12000, 0x13fff, false)), ram.memoryMap());
    }

    @Test
    void anEntryThatWrapsIsMappedUpTo2To64() {
        Sel4Model ram = with();
        ram.registerAt(0x10000, 0x4000, false);
        ram.markAllocated(0x10000, 0xffff_ffff_ffff_0000L);
        assertEquals(List.of(new Piece(0, 0x13fff, false), new Piece(0x10000, U64.MAX, true)), ram.memoryMap());
    }

    @Test
    void aRegistrationOf2To40BytesIsOneRunOfPagesAndWorksAtItsFarEnd() {
        Sel4Model ram = with(new Window(0, U64.MAX));
        long tera = 1L << 40;
        assertEquals(0, ram.register(tera));
        assertEquals(List.of(new PageRun(0, tera - P)), ram.mappedPages());
        ram.write(tera - 2, new byte[] {7, 8});
        assertArrayEquals(new byte[] {7, 8}, ram.read(tera - 2, 2));
        assertEquals(ErrorCode.NOT_RAM, failure(() -> ram.read(tera - 1, 2)), "one byte past the entry");
        assertEquals(tera, ram.register(P), "the bump pointer moved past all 2^28 pages");
        assertEquals(List.of(new PageRun(0, tera)), ram.mappedPages(), "adjacent pages join one run");
    }

    @Test
    void registerAtOf2To63BytesReservesAndMapsHalfTheAddressSpace() {
        Sel4Model ram = with();
        long half = 1L << 63;
        ram.registerAt(0x800, half, false);
        assertEquals(List.of(new PageRun(0, half)), ram.reservedPages(), "the unaligned end reaches one page more");
        assertEquals(List.of(new PageRun(0, half - P)), ram.mappedPages(), "which the walk from 0x800 leaves unmapped");
        assertEquals(-1, ram.touch(half, 0x10, (chunk, memory) -> 0));
        ram.write(half - 0x10, new byte[] {1});
        assertArrayEquals(new byte[] {1}, ram.read(half - 0x10, 1));
        assertEquals(ErrorCode.OVERLAP, failure(() -> ram.registerAt(half + 0x700, 1, false)), "inside the last page");
        ram.registerAt(half + P, P, false);
        assertEquals(List.of(new PageRun(0, half + P)), ram.reservedPages());
        assertEquals(List.of(new PageRun(0, half - P), new PageRun(half + P, half + P)), ram.mappedPages());
    }
}
