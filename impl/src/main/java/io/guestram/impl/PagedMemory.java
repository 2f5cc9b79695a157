package io.guestram.impl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

    private final Map<Long, byte[]> framesByNumber = new HashMap<>();

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
                framesByNumber.put(at >>> FRAME_BITS, frame);
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
}
