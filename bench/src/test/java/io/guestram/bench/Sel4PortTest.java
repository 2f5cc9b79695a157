package io.guestram.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.guestram.Chunk;
import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Profile;
import io.guestram.Region;
import io.guestram.U64;
import io.guestram.Window;
import io.guestram.model.Sel4Model;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The port behaves as libsel4vm's guest_ram.c (libsel4vm-behaviour.md), and as Sel4Model where both apply. */
class Sel4PortTest {

    private static final Config CONFIG = new Config(Profile.SEL4, U64.MAX, 4096,
            List.of(Window.of(0xf000_0000L, 0xf100_0000L)));

    private static Sel4Port port() {
        return new Sel4Port(CONFIG);
    }

    /** The entries as {start, size, allocated} triples, flattened. */
    private static long[] entries(Sel4Port p) {
        return p.entries().stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }

    @Test
    void allocateIsFirstFitCarvedFromTheFrontWithoutAlignment() {
        Sel4Port p = port();
        p.registerAt(0x10000, 0x1000, false);
        p.registerAt(0x20000, 0x4000, false);
        assertEquals(0x20000, p.allocate(0x2000)); // the first entry is too small
        assertEquals(0x10000, p.allocate(0x10)); // the first entry that fits, lowest address
        assertEquals(0x10010, p.allocate(0x100)); // no alignment: right after
        assertArrayEquals(new long[] {0x10000, 0x110, 1, 0x10110, 0xef0, 0, 0x20000, 0x2000, 1, 0x22000, 0x2000, 0},
                entries(p));
        GuestRamException e = assertThrows(GuestRamException.class, () -> p.allocate(0x3000));
        assertEquals(ErrorCode.NO_SPACE, e.code());
    }

    @Test
    void contiguousEntriesWithTheSameFlagCollapse() {
        Sel4Port p = port();
        p.registerAt(0x12000, 0x1000, false);
        p.registerAt(0x10000, 0x1000, false);
        p.registerAt(0x11000, 0x1000, false); // fills the hole: three free entries become one
        assertArrayEquals(new long[] {0x10000, 0x3000, 0}, entries(p));
        p.markAllocated(0x10000, 0x800);
        p.markAllocated(0x10800, 0x800); // touches the allocated one: they merge
        assertArrayEquals(new long[] {0x10000, 0x1000, 1, 0x11000, 0x2000, 0}, entries(p));
        p.registerAt(0x13000, 0x1000, false); // merges with the free tail, never with allocated entries
        assertArrayEquals(new long[] {0x10000, 0x1000, 1, 0x11000, 0x3000, 0}, entries(p));
    }

    @Test
    void markAllocatedIgnoresRangesNotInsideOneFreeEntry() {
        Sel4Port p = port();
        p.registerAt(0x10000, 0x2000, false);
        p.registerAt(0x13000, 0x1000, false);
        p.markAllocated(0x10000, 0x1000);
        long[] before = entries(p);
        p.markAllocated(0x10800, 0x1000); // spans allocated and free
        p.markAllocated(0x11800, 0x1000); // crosses the gap
        p.markAllocated(0x10000, 0x100); // inside an allocated entry
        p.markAllocated(0x50000, 0x100); // not RAM
        assertArrayEquals(before, entries(p));
    }

    @Test
    void largestIsStrictlyGreaterSoTheLowestWinsTies() {
        Sel4Port p = port();
        p.registerAt(0x30000, 0x2000, false);
        p.registerAt(0x10000, 0x2000, false);
        p.registerAt(0x20000, 0x1000, false);
        assertEquals(new Region(0x10000, 0x2000), p.findLargestFreeRegion());
        p.markAllocated(0x10000, 0x1000);
        assertEquals(new Region(0x30000, 0x2000), p.findLargestFreeRegion());
        p.markAllocated(0x30000, 0x2000);
        assertEquals(new Region(0x11000, 0x1000), p.findLargestFreeRegion()); // ties with 0x20000: lowest
        p.markAllocated(0x11000, 0x1000);
        p.markAllocated(0x20000, 0x1000);
        assertEquals(ErrorCode.NO_FREE_REGION,
                assertThrows(GuestRamException.class, p::findLargestFreeRegion).code());
    }

    @Test
    void freeSplitsTheAllocatedEntryAndCollapses() {
        Sel4Port p = port();
        p.registerAt(0x10000, 0x4000, false);
        p.markAllocated(0x10000, 0x4000);
        p.free(0x11000, 0x1000);
        assertArrayEquals(new long[] {0x10000, 0x1000, 1, 0x11000, 0x1000, 0, 0x12000, 0x2000, 1}, entries(p));
        p.free(0x12000, 0x2000); // the tail: merges with the free entry before it
        assertArrayEquals(new long[] {0x10000, 0x1000, 1, 0x11000, 0x3000, 0}, entries(p));
        p.free(0x11000, 0x1000); // already free: ignored, as mark_allocated ignores allocated entries
        p.free(0x10800, 0x1000); // spans two entries: ignored
        assertArrayEquals(new long[] {0x10000, 0x1000, 1, 0x11000, 0x3000, 0}, entries(p));
        p.free(0x10000, 0x1000);
        assertArrayEquals(new long[] {0x10000, 0x4000, 0}, entries(p));
    }

    @Test
    void touchNeedsOneEntryAndReportsPageAlignedAddresses() {
        Sel4Port p = port();
        p.registerAt(0x10000, 0x3000, false);
        p.markAllocated(0x12000, 0x1000);
        List<Chunk> chunks = new ArrayList<>();
        assertEquals(0, p.touch(0x10800, 0x1000, (chunk, memory) -> {
            chunks.add(chunk);
            return 0;
        }));
        assertEquals(List.of(new Chunk(0x10000, 0x800, 0), new Chunk(0x11000, 0x800, 0x800)), chunks);
        assertEquals(ErrorCode.NOT_RAM, assertThrows(GuestRamException.class,
                () -> p.touch(0x11800, 0x1000, (chunk, memory) -> 0)).code()); // crosses free | allocated
        assertEquals(7, p.touch(0x10000, 0x2000, (chunk, memory) -> 7));
    }

    @Test
    void readAndWriteCallbacksIgnoreTheOffsetAsLibsel4vmDoes() {
        Sel4Port p = port();
        p.registerAt(0x10000, 0x2000, false);
        p.write(0x10ffc, new byte[] {0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77});
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33}, p.read(0x11000, 4)); // the head, not 44556677
        assertArrayEquals(new byte[] {0, 0x11, 0x22, 0x33, 0, 0, 0, 0}, p.read(0x10ffc, 8)); // the last chunk at 0
    }

    @Test
    void agreesWithSel4ModelOnRandomSequences() {
        SplittableRandom random = new SplittableRandom(1);
        for (int run = 0; run < 200; run++) {
            Sel4Port p = port();
            Sel4Model m = new Sel4Model(CONFIG);
            List<Long> pages = new ArrayList<>();
            for (long a = 0x10000; a < 0x30000; a += 0x1000) {
                pages.add(a);
            }
            for (int step = 0; step < 40; step++) {
                String what;
                switch (random.nextInt(5)) {
                    case 0 -> {
                        if (pages.isEmpty()) {
                            continue;
                        }
                        long start = pages.remove(random.nextInt(pages.size())); // page-aligned and new: no overlap
                        what = "registerAt " + U64.hex(start);
                        p.registerAt(start, 0x1000, false);
                        m.registerAt(start, 0x1000, false);
                    }
                    case 1 -> {
                        long start = 0x10000 + random.nextLong(0x20000);
                        long size = 1 + random.nextLong(0x2000);
                        what = "markAllocated " + U64.hex(start) + " " + U64.hex(size);
                        p.markAllocated(start, size);
                        m.markAllocated(start, size);
                    }
                    case 2 -> {
                        long size = 1 + random.nextLong(0x1800);
                        what = "allocate " + U64.hex(size);
                        assertEquals(outcome(() -> m.allocate(size)), outcome(() -> p.allocate(size)), what);
                    }
                    case 3 -> {
                        what = "largest";
                        assertEquals(outcome(m::findLargestFreeRegion), outcome(p::findLargestFreeRegion), what);
                    }
                    default -> {
                        long start = 0x10000 + random.nextLong(0x20000);
                        long size = 1 + random.nextLong(0x2000);
                        what = "touch " + U64.hex(start) + " " + U64.hex(size);
                        assertEquals(outcome(() -> chunks(m, start, size)), outcome(() -> chunks(p, start, size)), what);
                    }
                }
                assertEquals(m.memoryMap(), p.memoryMap(), "after " + what);
            }
        }
    }

    private static List<Chunk> chunks(io.guestram.GuestRam ram, long start, long size) {
        List<Chunk> chunks = new ArrayList<>();
        ram.touch(start, size, (chunk, memory) -> {
            chunks.add(chunk);
            return 0;
        });
        return chunks;
    }

    private static Object outcome(java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (GuestRamException e) {
            return e.code();
        }
    }
}
