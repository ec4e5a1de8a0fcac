package org.maskface.cli;

/** Process exit codes of every maskface command. */
public final class ExitCode {
    public static final int OK = 0;
    /** Something went wrong inside maskface (a bug, missing model files...). */
    public static final int ERROR = 1;
    /** The input could not be used: missing, unreadable, corrupt, too large, wrong arguments. */
    public static final int BAD_INPUT = 2;
    /** The input is a valid image but holds no detectable face. */
    public static final int NO_FACE = 3;

    private ExitCode() {
    }
}
