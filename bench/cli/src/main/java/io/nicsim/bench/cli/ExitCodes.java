package io.nicsim.bench.cli;

import io.nicsim.bench.run.TwoProcessRefusal;
import io.nicsim.bench.scenario.ScenarioException;
import picocli.CommandLine;

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
    /**
     * The run was cut short: a filesystem it writes to (the staging {@code /dev/shm} or the output folder) fell below
     * its free-space floor, so the traffic stopped, what was in flight drained, the packets not injected count as
     * {@code disk-full} drops, later runs did not start, and summary.json says {@code cutShort}.
     */
    public static final int CUT_SHORT = 4;

    private ExitCodes() {
    }

    /**
     * The one mapping from what went wrong to an exit code: input nicsim could not use (a scenario, an override, a
     * flag, a folder, a two-process folder of another run, a cluster that refused this node: another secret or
     * version) is {@link #BAD_INPUT}; anything else failed the run.
     */
    public static int of(Throwable error) {
        return error instanceof BadInput || error instanceof ScenarioException || error instanceof TwoProcessRefusal
                || error instanceof io.nicsim.bench.cluster.ClusterRefusal
                || error instanceof CommandLine.ParameterException ? BAD_INPUT : FAILED;
    }
}
