package io.nicsim.bench.run;

/**
 * Two-process mode refuses its input before running anything: a folder it may not use, a scenario that does not
 * match the other side's, a finished run, a second process of the same role. The message names what and where;
 * the commands print it as one line and exit 2.
 */
public final class TwoProcessRefusal extends Exception {

    public TwoProcessRefusal(String message) {
        super(message);
    }
}
