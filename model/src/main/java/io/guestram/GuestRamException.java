package io.guestram;

/** A call was rejected; the state of the guest RAM is exactly as it was before the call. */
public final class GuestRamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public GuestRamException(ErrorCode code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
