package io.guestram.cli;

import io.guestram.protocol.ExternalProcess;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --exec CMD} and {@code --timeout-ms}: an implementation in another process, for the commands that check one. */
final class ExecOptions {

    @Option(names = "--exec", paramLabel = "CMD",
            description = "Check an implementation in another process instead: a command (run by sh -c) that speaks the "
                    + "driver protocol of docs/protocol.md on stdin/stdout. One process serves it all, reset between runs.")
    String command;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "5000",
            description = "With --exec: how long one answer may take (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    /** Whether --exec was given. */
    boolean given() {
        return command != null;
    }

    /** Checks the options before anything runs, so that a bad --timeout-ms is a usage error. */
    void validate() {
        if (given() && timeoutMs < 1) {
            throw new UsageException("--timeout-ms must be at least 1");
        }
    }

    /** The process that serves the implementation, started on its first use. */
    ExternalProcess process() {
        return new ExternalProcess(command, Duration.ofMillis(timeoutMs));
    }
}
