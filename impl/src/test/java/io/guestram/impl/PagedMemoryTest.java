package io.guestram.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.guestram.U64;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The lazily backed memory on its own, where a guest page (up to 1 GiB) is larger than its 4 KiB
 * frames: one access then spans several frames, which pages of 4 KiB never make it do.
 */
class PagedMemoryTest {

    private static final int FRAME = 4096;

    @Test
    void anAccessAcrossFramesLandsInEachFrame() {
        PagedMemory memory = new PagedMemory();
        byte[] data = pattern(3 * FRAME);
        memory.write(FRAME - 16, data, 0, data.length);
        assertEquals(4, memory.residentFrames(), "frames 0 to 3");
        byte[] back = new byte[data.length];
        memory.read(FRAME - 16, back, 0, back.length);
        assertArrayEquals(data, back);
        byte[] frame2 = new byte[FRAME];
        memory.read(2L * FRAME, frame2, 0, FRAME);
        assertArrayEquals(Arrays.copyOfRange(data, FRAME + 16, 2 * FRAME + 16), frame2, "frame 2 by itself");
    }

    /** Only frames that get a non-zero byte take storage, judged frame by frame of the source. */
    @Test
    void aFrameIsCreatedForItsOwnBytesNotForTheFirstFramesBytes() {
        PagedMemory memory = new PagedMemory();
        byte[] data = new byte[3 * FRAME];
        Arrays.fill(data, 2 * FRAME, 3 * FRAME, (byte) 5);
        // Source offset 2 * FRAME - 1: frame 1's bytes are data[2F-1 .. 3F-1), the last FRAME of
        // them non-zero, and data[FRAME-1 .. 2F-1) (what a wrong offset would look at) all zero.
        memory.write(FRAME + 1, data, 2 * FRAME - 1, FRAME + 1);
        byte[] back = new byte[FRAME + 1];
        memory.read(FRAME + 1, back, 0, back.length);
        assertArrayEquals(Arrays.copyOfRange(data, 2 * FRAME - 1, 3 * FRAME), back);
        assertEquals(2, memory.residentFrames());
    }

    @Test
    void readingAnAbsentFrameZeroesTheDestination() {
        PagedMemory memory = new PagedMemory();
        memory.write(FRAME, new byte[] {7}, 0, 1);
        byte[] into = new byte[2 * FRAME + 4];
        Arrays.fill(into, (byte) -1);
        memory.read(0, into, 2, 2 * FRAME);
        byte[] expected = new byte[into.length];
        Arrays.fill(expected, (byte) -1);
        Arrays.fill(expected, 2, 2 + 2 * FRAME, (byte) 0);
        expected[2 + FRAME] = 7;
        assertArrayEquals(expected, into, "zeros where no frame is, the frame's bytes where one is, the rest untouched");
        assertEquals(1, memory.residentFrames(), "reading creates no frame");
    }

    @Test
    void theLastFrameOfTheAddressSpace() {
        PagedMemory memory = new PagedMemory();
        byte[] data = pattern(FRAME + 8);
        memory.write(U64.MAX - data.length + 1, data, 0, data.length);
        byte[] back = new byte[data.length];
        memory.read(U64.MAX - data.length + 1, back, 0, back.length);
        assertArrayEquals(data, back);
    }

    /**
     * Thousands of frames, both consecutive and far apart (numbers that share their low bits),
     * so that the frame table grows many times and its probes run past taken slots: each frame
     * keeps its own bytes, and frames never written still read as zero.
     */
    @Test
    void manyFramesEachKeepTheirOwnBytes() {
        PagedMemory memory = new PagedMemory();
        int count = 3000;
        for (int i = 0; i < count; i++) {
            memory.write(frameAddress(i), new byte[] {(byte) (i | 1), (byte) (i >>> 8)}, 0, 2);
        }
        assertEquals(count, memory.residentFrames());
        for (int i = 0; i < count; i++) {
            byte[] back = new byte[2];
            memory.read(frameAddress(i), back, 0, 2);
            assertArrayEquals(new byte[] {(byte) (i | 1), (byte) (i >>> 8)}, back, "frame " + i);
            byte[] unwritten = {9};
            memory.read(frameAddress(i) + FRAME, unwritten, 0, 1);
            assertEquals(0, unwritten[0], "the frame after frame " + i);
        }
        assertEquals(count, memory.residentFrames(), "reading creates no frame");
    }

    /** Even i: consecutive frames from 0 on, spaced by two; odd i: frames 2^40 apart. */
    private static long frameAddress(int i) {
        return i % 2 == 0 ? (long) i * FRAME : ((long) i << 40) * FRAME;
    }

    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 13 + 1 | 1);
        }
        return data;
    }
}
