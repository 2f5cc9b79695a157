package io.guestram.cli;

/** Exit codes, the same for every command. */
public final class ExitCode {
    /** Every property held / every check agreed. */
    public static final int OK = 0;
    /** A property was violated or an implementation diverged from the model. */
    public static final int VIOLATION = 1;
    /** Bad command line or bad input file. */
    public static final int USAGE = 2;
    /** A bug in guestram itself (EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCode() {}
}
