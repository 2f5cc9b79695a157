package io.guestram.conformance.broken;

import io.guestram.Config;
import io.guestram.GuestRamException;
import io.guestram.Piece;
import io.guestram.U64;

/** Bug: a free rejected as NOT_ALLOCATED has already freed the allocated bytes of its range. */
public final class RejectedFreeMutates extends ForwardingGuestRam {

    public RejectedFreeMutates(Config config) {
        super(config);
    }

    @Override
    public void free(long start, long size) {
        try {
            delegate.free(start, size);
        } catch (GuestRamException rejected) {
            if (config().isValid(start, size)) {
                freeAllocatedPartsOf(start, start + size - 1);
            }
            throw rejected;
        }
    }

    private void freeAllocatedPartsOf(long first, long last) {
        for (Piece p : delegate.memoryMap()) {
            long from = U64.max(p.first(), first);
            long to = U64.min(p.last(), last);
            if (p.allocated() && U64.atMost(from, to)) {
                delegate.free(from, to - from + 1);
            }
        }
    }
}
