package io.guestram;

/**
 * An implementation cannot serve a configuration (a page size, limit or window layout it does not
 * support) and says so before any call: a campaign skips that configuration instead of failing.
 */
public final class ConfigurationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Config config;

    public ConfigurationRefusedException(Config config, String why) {
        super(why);
        this.config = config;
    }

    /** The configuration refused. */
    public Config config() {
        return config;
    }
}
