package io.guestram.explorer;

/** A model configuration or TLC dump that cannot be read; the message names file:line and the problem. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
