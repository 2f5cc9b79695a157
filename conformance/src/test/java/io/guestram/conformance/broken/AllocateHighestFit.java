package io.guestram.conformance.broken;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.U64;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;

/** Bug: allocate takes the highest free run that fits instead of the lowest. */
public final class AllocateHighestFit extends ForwardingGuestRam {

    public AllocateHighestFit(Config config) {
        super(config);
    }

    @Override
    public long allocate(long size) {
        if (size == 0) {
            throw new GuestRamException(ErrorCode.INVALID_RANGE, "size 0");
        }
        Span fit = null;
        for (Span run : MemoryMaps.freeRuns(memoryMap())) {
            if (U64.atMost(size - 1, run.extent())) {
                fit = run;
            }
        }
        if (fit == null) {
            throw new GuestRamException(ErrorCode.NO_SPACE, "no fit");
        }
        delegate.markAllocated(fit.first(), size);
        return fit.first();
    }
}
