package io.guestram.impl;

import java.util.Arrays;

/**
 * Guest memory contents, backed lazily by 4 KiB frames: a frame exists only once a non-zero byte
 * has been written into it, so registering 2^40 bytes costs nothing and never-written bytes read
 * as zero. Reading never creates a frame. The frame size is fixed rather than the guest page
 * size, since a guest page may be 1 GiB and one written byte should not cost that much.
 *
 * <p>Addresses are unsigned 64-bit; an access may end exactly at 2^64. Not thread-safe.
 */
final class PagedMemory {

    private static final int FRAME_BITS = 12;
    private static final int FRAME_SIZE = 1 << FRAME_BITS;

    private final FrameTable framesByNumber = new FrameTable();

    /** Copies {@code length} guest bytes from {@code address} into {@code destination}. */
    void read(long address, byte[] destination, int offset, int length) {
        int done = 0;
        while (done < length) {
            long at = address + done;
            int within = (int) (at & (FRAME_SIZE - 1));
            int n = Math.min(length - done, FRAME_SIZE - within);
            byte[] frame = framesByNumber.get(at >>> FRAME_BITS);
            if (frame == null) {
                Arrays.fill(destination, offset + done, offset + done + n, (byte) 0);
            } else {
                System.arraycopy(frame, within, destination, offset + done, n);
            }
            done += n;
        }
    }

    /** Copies {@code length} bytes of {@code source} to guest address {@code address}. */
    void write(long address, byte[] source, int offset, int length) {
        int done = 0;
        while (done < length) {
            long at = address + done;
            int within = (int) (at & (FRAME_SIZE - 1));
            int n = Math.min(length - done, FRAME_SIZE - within);
            byte[] frame = framesByNumber.get(at >>> FRAME_BITS);
            if (frame == null && !allZero(source, offset + done, n)) {
                frame = new byte[FRAME_SIZE];
                framesByNumber.add(at >>> FRAME_BITS, frame);
            }
            if (frame != null) {
                System.arraycopy(source, offset + done, frame, within, n);
            }
            done += n;
        }
    }

    /** The number of frames holding storage. */
    int residentFrames() {
        return framesByNumber.size();
    }

    private static boolean allZero(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Invariant: {@code numbers[i] == NONE} iff {@code frames[i] == null}; every frame number sits
     * in its home slot or after it (cyclically) with no empty slot between; fewer than 3/4 of the
     * slots are taken, so every probe ends at an empty slot.
     *
     * <p>Frames by number, open addressing with linear probing. A {@code HashMap<Long, byte[]>}
     * boxes the number on every lookup and follows two more pointers (its entry, the boxed key)
     * before it reaches the frame; here a lookup reads one slot of a {@code long[]}, usually in
     * the same cache line as its neighbours in the probe. Frames are never released, so there is
     * no removal. Lookups write nothing, as reads may run at once on several threads under
     * {@link ConcurrentGuestRam}'s read lock.
     */
    private static final class FrameTable {
        /** No frame number: numbers are addresses shifted right by 12, below 2^52. */
        private static final long NONE = -1;
        /** 2^64 / golden ratio: Fibonacci hashing spreads consecutive frame numbers across the table. */
        private static final long SPREAD = 0x9E3779B97F4A7C15L;
        private static final int INITIAL_BITS = 4;

        private long[] numbers;
        private byte[][] frames;
        private int bits;
        private int size;

        FrameTable() {
            allocate(INITIAL_BITS);
        }

        byte[] get(long number) {
            int mask = numbers.length - 1;
            for (int i = home(number); ; i = (i + 1) & mask) {
                long at = numbers[i];
                if (at == number) {
                    return frames[i];
                }
                if (at == NONE) {
                    return null;
                }
            }
        }

        /** Adds a frame whose number is not in the table. */
        void add(long number, byte[] frame) {
            if (4 * (size + 1) > 3 * numbers.length) {
                grow();
            }
            place(number, frame);
            size++;
        }

        int size() {
            return size;
        }

        private void place(long number, byte[] frame) {
            int mask = numbers.length - 1;
            int i = home(number);
            while (numbers[i] != NONE) {
                i = (i + 1) & mask;
            }
            numbers[i] = number;
            frames[i] = frame;
        }

        private int home(long number) {
            return (int) ((number * SPREAD) >>> (64 - bits));
        }

        private void grow() {
            long[] oldNumbers = numbers;
            byte[][] oldFrames = frames;
            allocate(bits + 1);
            for (int i = 0; i < oldNumbers.length; i++) {
                if (oldFrames[i] != null) {
                    place(oldNumbers[i], oldFrames[i]);
                }
            }
        }

        private void allocate(int tableBits) {
            bits = tableBits;
            numbers = new long[1 << tableBits];
            Arrays.fill(numbers, NONE);
            frames = new byte[1 << tableBits][];
        }
    }
}
