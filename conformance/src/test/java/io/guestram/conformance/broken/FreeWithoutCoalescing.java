package io.guestram.conformance.broken;

import io.guestram.Config;
import io.guestram.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Bug: free splits pieces and never joins them again, like a free list without coalescing. The
 * ends of every freed range stay as cuts through the free pieces of the memory map.
 */
public final class FreeWithoutCoalescing extends ForwardingGuestRam {

    private final TreeSet<Long> cuts = new TreeSet<>(Long::compareUnsigned);

    public FreeWithoutCoalescing(Config config) {
        super(config);
    }

    @Override
    public void free(long start, long size) {
        delegate.free(start, size);
        cuts.add(start);
        if (start + size != 0) {
            cuts.add(start + size);
        }
    }

    @Override
    public List<Piece> memoryMap() {
        List<Piece> pieces = new ArrayList<>();
        for (Piece p : delegate.memoryMap()) {
            long first = p.first();
            for (Long cut : p.allocated() ? List.<Long>of() : cuts.subSet(p.first(), false, p.last(), true)) {
                pieces.add(new Piece(first, cut - 1, false));
                first = cut;
            }
            pieces.add(new Piece(first, p.last(), p.allocated()));
        }
        return pieces;
    }
}
