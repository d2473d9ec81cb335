package io.nicsim.bench.cli;

/** Exit codes of every nicsim command. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The run itself failed (a simulator thread died, an I/O error). */
    public static final int FAILED = 1;
    /** Bad input: a scenario file, an override, a flag or an output folder. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
