package io.guestram;

import java.util.List;

/**
 * The guest RAM interface of libsel4vm ({@code guest_ram.h}), one method per C function.
 *
 * <p>Every rejected call throws {@link GuestRamException} with an {@link ErrorCode} and leaves
 * the state exactly as it was. Addresses and sizes are unsigned 64-bit values. The semantics of
 * each call, and which error wins when several apply, are the README's table for the configured
 * {@link Profile}; spec/GuestRam.tla is the source of truth for profile {@code spec}.
 */
public interface GuestRam {

    Config config();

    /** {@code vm_ram_register_at}: registers {@code [start, start + size)}; untyped has no effect. */
    void registerAt(long start, long size, boolean untyped);

    /** {@code vm_ram_register}: registers {@code size} bytes at the lowest page-aligned fit in a window. */
    long register(long size);

    /** {@code vm_ram_mark_allocated}: marks registered, free bytes as allocated. */
    void markAllocated(long start, long size);

    /** {@code vm_ram_allocate}: allocates the lowest run of {@code size} free bytes; returns its start. */
    long allocate(long size);

    /** {@code vm_ram_free}: frees allocated bytes, any sub-range of them. */
    void free(long start, long size);

    /** {@code vm_ram_find_largest_free_region}: the longest free run, lowest on ties. */
    Region findLargestFreeRegion();

    /**
     * {@code vm_ram_touch}: visits {@code [address, address + size)} chunk by chunk, a chunk
     * never crossing a page. Returns 0, or the first non-zero value a callback returned.
     */
    int touch(long address, long size, TouchCallback callback);

    /** The registered bytes as maximal free and allocated pieces, in address order. */
    List<Piece> memoryMap();

    /**
     * Reads {@code size} bytes from {@code address}: accepted and rejected as {@link #touch} of
     * the same range would be, and byte i of the result is the guest byte at {@code address + i}.
     * Each implementation states this itself: the interface holds no behaviour that an
     * implementation and its oracle could share.
     */
    byte[] read(long address, int size);

    /**
     * Writes {@code data} at {@code address}: accepted and rejected as {@link #touch} of the same
     * range would be, and guest byte {@code address + i} becomes {@code data[i]}.
     */
    void write(long address, byte[] data);
}
