package io.nicsim.bench.run;

/**
 * How a study runs besides its scenario.
 *
 * @param exportPackets write packets.csv per run (host stamps journaled during the run, joined after it)
 * @param stop          polled by the runner: when requested, the traffic stops and what is in flight drains
 * @param progress      what is shown while it runs
 */
public record RunOptions(boolean exportPackets, StopSignal stop, Progress progress) {

    /** No export, never stopped, nothing shown. */
    public static RunOptions defaults() {
        return new RunOptions(false, new StopSignal(), Progress.none());
    }
}
