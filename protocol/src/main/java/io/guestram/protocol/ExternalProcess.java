package io.guestram.protocol;

import io.guestram.Config;
import java.time.Duration;
import java.util.List;

/**
 * One implementation process for a whole campaign: each run and each shrinking replay gets it
 * back {@code reset} (or, for another configuration, after a new {@code hello}), and a process that crashed or misbehaved is replaced by a fresh one, so a
 * fault shows up as a failure of the step that caused it rather than of every step after.
 */
public final class ExternalProcess implements AutoCloseable {

    private final String commandLine;
    private final Duration startupTimeout;
    private final Duration timeout;
    private ExternalGuestRam current;
    private Config currentConfig;

    /** {@code commandLine} is run by {@code sh -c}, so it may quote and redirect. */
    public ExternalProcess(String commandLine, Duration timeout) {
        this(commandLine, ExternalGuestRam.DEFAULT_STARTUP_TIMEOUT, timeout);
    }

    /** Each process started has {@code startupTimeout} for its handshake, then {@code timeout} per command. */
    public ExternalProcess(String commandLine, Duration startupTimeout, Duration timeout) {
        this.commandLine = commandLine;
        this.startupTimeout = startupTimeout;
        this.timeout = timeout;
    }

    /** An implementation in its initial state for {@code config}. */
    public synchronized ExternalGuestRam create(Config config) {
        if (current != null && current.isAlive()) {
            try {
                if (config.equals(currentConfig)) {
                    current.reset();
                } else {
                    currentConfig = null;
                    current.reopen(config);
                    currentConfig = config;
                }
                return current;
            } catch (ExternalGuestRam.ExternalFailure e) {
                current = null; // it broke on reset or hello: start afresh below
            }
        }
        close();
        current = new ExternalGuestRam(List.of("sh", "-c", "exec " + commandLine), config, startupTimeout, timeout);
        currentConfig = config;
        return current;
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
