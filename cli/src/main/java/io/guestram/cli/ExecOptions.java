package io.guestram.cli;

import io.guestram.protocol.ExternalProcess;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --exec CMD}, {@code --startup-timeout-ms} and {@code --timeout-ms}: an implementation in another process,
 * for the commands that check one.
 */
final class ExecOptions {

    @Option(names = "--exec", paramLabel = "CMD",
            description = "Check an implementation in another process instead: a command (run by sh -c) that speaks the "
                    + "driver protocol of docs/protocol.md on stdin/stdout. One process serves it all, reset between runs.")
    String command;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "With --exec: how long the answer to one command may take once the handshake is done "
                    + "(default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--startup-timeout-ms", paramLabel = "MS", defaultValue = "60000",
            description = "With --exec: how long a process may take to start and answer the handshake; also for each "
                    + "restart after a failure (default: ${DEFAULT-VALUE}).")
    long startupTimeoutMs;

    /** Whether --exec was given. */
    boolean given() {
        return command != null;
    }

    /** Checks the options before anything runs, so that a bad --timeout-ms is a usage error. */
    void validate() {
        if (given() && timeoutMs < 1) {
            throw new UsageException("--timeout-ms must be at least 1");
        }
        if (given() && startupTimeoutMs < 1) {
            throw new UsageException("--startup-timeout-ms must be at least 1");
        }
    }

    /** The process that serves the implementation, started on its first use. */
    ExternalProcess process() {
        return new ExternalProcess(command, Duration.ofMillis(startupTimeoutMs), Duration.ofMillis(timeoutMs));
    }
}
