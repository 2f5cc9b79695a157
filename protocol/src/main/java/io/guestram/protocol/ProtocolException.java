package io.guestram.protocol;

/** A line that breaks the driver protocol: never a result of a call. */
public final class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
