package io.guestram;

/**
 * Why a call was rejected. The same codes are used by the spec ({@code code} field of
 * {@code last} in spec/GuestRam.tla), the model, every implementation, traces and the driver
 * protocol. When several conditions hold, the one listed first in the README's semantics table
 * for that call wins.
 */
public enum ErrorCode {
    /** Size 0, or the range does not fit below the address limit. */
    INVALID_RANGE,
    /** register_at: some byte of the range is already registered. */
    OVERLAP,
    /** register / allocate: no place satisfies the request. */
    NO_SPACE,
    /** mark_allocated / touch / read / write: some byte of the range is not registered. */
    NOT_RAM,
    /** mark_allocated: some byte of the range is already allocated. */
    ALREADY_ALLOCATED,
    /** free: some byte of the range is not allocated. */
    NOT_ALLOCATED,
    /** find_largest_free_region: every registered byte is allocated (or nothing is registered). */
    NO_FREE_REGION
}
