package io.guestram.conformance.broken;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.Region;
import io.guestram.TouchCallback;
import io.guestram.model.Models;
import java.util.List;

/** A correct guest RAM (the reference model) that broken subclasses bend in one place each. */
class ForwardingGuestRam implements GuestRam {

    protected final GuestRam delegate;

    public ForwardingGuestRam(Config config) {
        this.delegate = Models.reference(config);
    }

    @Override
    public Config config() {
        return delegate.config();
    }

    @Override
    public void registerAt(long start, long size, boolean untyped) {
        delegate.registerAt(start, size, untyped);
    }

    @Override
    public long register(long size) {
        return delegate.register(size);
    }

    @Override
    public void markAllocated(long start, long size) {
        delegate.markAllocated(start, size);
    }

    @Override
    public long allocate(long size) {
        return delegate.allocate(size);
    }

    @Override
    public void free(long start, long size) {
        delegate.free(start, size);
    }

    @Override
    public Region findLargestFreeRegion() {
        return delegate.findLargestFreeRegion();
    }

    @Override
    public int touch(long address, long size, TouchCallback callback) {
        return delegate.touch(address, size, callback);
    }

    @Override
    public byte[] read(long address, int size) {
        return delegate.read(address, size);
    }

    @Override
    public void write(long address, byte[] data) {
        delegate.write(address, data);
    }

    @Override
    public List<Piece> memoryMap() {
        return delegate.memoryMap();
    }
}
