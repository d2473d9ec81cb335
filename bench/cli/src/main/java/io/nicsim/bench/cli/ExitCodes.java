package io.nicsim.bench.cli;

/** Exit codes of every nicsim command. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The run itself failed (a simulator thread died, an I/O error). */
    public static final int FAILED = 1;
    /** Bad input: a scenario file, an override, a flag or an output folder. */
    public static final int BAD_INPUT = 2;
    /**
     * Two-process mode: the other side went silent or never came. {@code nicsim host}: no heartbeat from the NIC
     * for {@code run.stallTimeout} (a partial summary is written), or no NIC started within {@code run.attachTimeout};
     * {@code nicsim nic}: no host attached within {@code run.attachTimeout}.
     */
    public static final int STALLED = 3;

    private ExitCodes() {
    }
}
