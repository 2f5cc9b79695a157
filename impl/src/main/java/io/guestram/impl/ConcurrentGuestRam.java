package io.guestram.impl;

import io.guestram.Config;
import io.guestram.GuestRam;
import io.guestram.Piece;
import io.guestram.Region;
import io.guestram.SelfChecking;
import io.guestram.TouchCallback;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A thread-safe guest RAM: every call of a wrapped, single-threaded {@link GuestRam} runs under
 * a lock, so that calls from any number of threads are linearizable with respect to the
 * wrapped implementation's sequential behaviour (checked against
 * {@link io.guestram.model.ReferenceModel} with Lincheck in {@code ConcurrentGuestRamLincheckTest}).
 *
 * <p><b>Which calls may share.</b> {@link #shared(OptimizedGuestRam)} uses a read/write lock:
 * <ul>
 *   <li>on the <em>read</em> side, calls that observe and change nothing, not even the guest
 *       bytes: {@link #findLargestFreeRegion}, {@link #read}, {@link #memoryMap} and
 *       {@link #checkInvariants}. In {@link OptimizedGuestRam} these only walk the tree
 *       (never through the search path a repaint keeps) and look frames up in
 *       {@link PagedMemory}'s frame table, writing nothing, so any number of them may run
 *       together;
 *   <li>on the <em>write</em> side, everything that changes the allocation state
 *       ({@code registerAt}, {@code register}, {@code markAllocated}, {@code allocate},
 *       {@code free}), {@link #write}, which changes the guest bytes (and may insert into the
 *       frame map, which concurrent lookups must not see half done), and {@link #touch}. A touch
 *       runs the caller's callback, and the callback may write through
 *       {@link io.guestram.ChunkMemory#copyFrom}: a touch is a write unless proven otherwise.
 *       Taking a lock per chunk instead would not do either: a write of several chunks must be
 *       atomic as a whole, or two overlapping writes could leave some chunks from each, a state
 *       no sequential order produces.
 * </ul>
 * {@link #exclusive(GuestRam)} serializes every call on one lock, for implementations whose
 * queries are not known to be free of side effects (an {@code ExternalGuestRam} talks over one
 * pipe, for one).
 *
 * <p><b>Why a read/write lock.</b> Measured with bench's {@code ConcurrentBenchmark} (JMH, 10^4
 * pieces, two cores shared with other work, so the figures are rough), calls per microsecond
 * summed over the threads:
 * <pre>
 *                      1 thread: none  exclusive  shared    2 threads: exclusive  shared
 *   allocate+free                2.1     2.2       2.1                   1.0       1.0
 *   largest                     13.8    12.4      13.1                   3.7       6.2
 *   read 64 B                   24.8    21.1      20.0                   5.3       6.6
 *   read 64 KiB                  0.14    0.14      0.14                  0.10      0.22
 * </pre>
 * With one thread neither lock costs anything measurable. With two, calls that change the state
 * halve either way (they serialize, and the lock and the tree's cache lines move between the
 * cores), and sub-microsecond queries lose most of their throughput to the same traffic, less
 * under the read/write lock; a long read (16 chunks) runs 1.6 times as fast as with one thread
 * under the read/write lock and slower than one thread under one lock. So the read/write lock
 * is never worse here and wins where reads are long; {@code ConcurrentGuestRamThroughput} (bench,
 * a plain main) gives the same picture without JMH.
 *
 * <p><b>Callbacks.</b> A touch's callback runs while the lock is held. It may call back into
 * this guest RAM from the same thread (both locks are reentrant, and a writer may also read),
 * but it must not wait for another thread that uses this guest RAM: that thread would wait for
 * the lock, and neither would ever go on. An exception thrown by a callback releases the lock
 * and propagates, as in the wrapped implementation.
 *
 * <p>{@link #atomically} runs several calls as one, for callers that need, say, an allocate
 * and the write that fills the new range to be seen together.
 */
public final class ConcurrentGuestRam implements GuestRam, SelfChecking {

    private final GuestRam delegate;
    private final Lock readLock;
    private final Lock writeLock;

    private ConcurrentGuestRam(GuestRam delegate, Lock readLock, Lock writeLock) {
        if (delegate instanceof ConcurrentGuestRam) {
            throw new IllegalArgumentException("already thread-safe: " + delegate);
        }
        this.delegate = delegate;
        this.readLock = readLock;
        this.writeLock = writeLock;
    }

    /** A thread-safe view of {@code ram} with the queries on a shared read lock. */
    public static ConcurrentGuestRam shared(OptimizedGuestRam ram) {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        return new ConcurrentGuestRam(ram, lock.readLock(), lock.writeLock());
    }

    /** A thread-safe view of any {@code ram}, one call at a time. */
    public static ConcurrentGuestRam exclusive(GuestRam ram) {
        ReentrantLock lock = new ReentrantLock();
        return new ConcurrentGuestRam(ram, lock, lock);
    }

    /** A fresh {@link OptimizedGuestRam} of {@code config} behind a read/write lock. */
    public static ConcurrentGuestRam optimized(Config config) {
        return shared(new OptimizedGuestRam(config));
    }

    /** True iff some calls may run together, that is the facade has a read/write lock. */
    public boolean sharesReads() {
        return readLock != writeLock;
    }

    /**
     * Runs {@code action} on the wrapped guest RAM with every other caller shut out, and returns
     * its result: the calls it makes are seen by other threads as one. The wrapped instance must
     * not escape the action.
     */
    public <T> T atomically(Function<GuestRam, T> action) {
        return exclusively(() -> action.apply(delegate));
    }

    @Override
    public Config config() {
        return delegate.config(); // immutable
    }

    @Override
    public void registerAt(long start, long size, boolean untyped) {
        writeLock.lock();
        try {
            delegate.registerAt(start, size, untyped);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long register(long size) {
        return exclusivelyLong(() -> delegate.register(size));
    }

    @Override
    public void markAllocated(long start, long size) {
        writeLock.lock();
        try {
            delegate.markAllocated(start, size);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long allocate(long size) {
        return exclusivelyLong(() -> delegate.allocate(size));
    }

    @Override
    public void free(long start, long size) {
        writeLock.lock();
        try {
            delegate.free(start, size);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Region findLargestFreeRegion() {
        return sharing(delegate::findLargestFreeRegion);
    }

    @Override
    public int touch(long address, long size, TouchCallback callback) {
        writeLock.lock();
        try {
            return delegate.touch(address, size, callback);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<Piece> memoryMap() {
        return sharing(delegate::memoryMap);
    }

    @Override
    public byte[] read(long address, int size) {
        return sharing(() -> delegate.read(address, size));
    }

    @Override
    public void write(long address, byte[] data) {
        writeLock.lock();
        try {
            delegate.write(address, data);
        } finally {
            writeLock.unlock();
        }
    }

    /** Checks the wrapped implementation's invariants, if it has any to check. */
    @Override
    public void checkInvariants() {
        if (delegate instanceof SelfChecking checked) {
            readLock.lock();
            try {
                checked.checkInvariants();
            } finally {
                readLock.unlock();
            }
        }
    }

    @Override
    public String toString() {
        return (sharesReads() ? "shared" : "exclusive") + "(" + delegate + ")";
    }

    private <T> T sharing(Supplier<T> call) {
        readLock.lock();
        try {
            return call.get();
        } finally {
            readLock.unlock();
        }
    }

    private <T> T exclusively(Supplier<T> call) {
        writeLock.lock();
        try {
            return call.get();
        } finally {
            writeLock.unlock();
        }
    }

    private long exclusivelyLong(LongSupplier call) {
        writeLock.lock();
        try {
            return call.getAsLong();
        } finally {
            writeLock.unlock();
        }
    }
}
