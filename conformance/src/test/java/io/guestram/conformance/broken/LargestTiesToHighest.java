package io.guestram.conformance.broken;

import io.guestram.Config;
import io.guestram.ErrorCode;
import io.guestram.GuestRamException;
import io.guestram.Region;
import io.guestram.U64;
import io.guestram.conformance.MemoryMaps;
import io.guestram.conformance.Span;

/** Bug: among equally long free runs, the largest free region is the highest, not the lowest. */
public final class LargestTiesToHighest extends ForwardingGuestRam {

    public LargestTiesToHighest(Config config) {
        super(config);
    }

    @Override
    public Region findLargestFreeRegion() {
        return highestOfTheLongest(memoryMap());
    }

    /** The bug itself, for other broken implementations to reuse. */
    static Region highestOfTheLongest(java.util.List<io.guestram.Piece> map) {
        Span best = null;
        for (Span run : MemoryMaps.freeRuns(map)) {
            if (best == null || U64.atMost(best.extent(), run.extent())) {
                best = run;
            }
        }
        if (best == null) {
            throw new GuestRamException(ErrorCode.NO_FREE_REGION, "none");
        }
        return best.extent() == U64.MAX ? new Region(0, U64.MAX) : Region.span(best.first(), best.last());
    }
}
