package io.nicsim.bench.run;

/**
 * How a study runs besides its scenario.
 *
 * @param exportPackets write packets.csv per run (host stamps journaled during the run, joined after it)
 * @param stop          polled by the runner: when requested, the traffic stops and what is in flight drains
 * @param progress      what is shown while it runs
 * @param keepJournal   keep each run's Chronicle queues in the run folder (false: delete them when the run's files
 *                      are written; {@code nicsim tune} runs dozens of short evaluations and needs none of them)
 */
public record RunOptions(boolean exportPackets, StopSignal stop, Progress progress, boolean keepJournal) {

    /** Options that keep the journal. */
    public RunOptions(boolean exportPackets, StopSignal stop, Progress progress) {
        this(exportPackets, stop, progress, true);
    }

    /** No export, never stopped, nothing shown. */
    public static RunOptions defaults() {
        return new RunOptions(false, new StopSignal(), Progress.none());
    }

    /** @return these options with the journal kept or not */
    public RunOptions withKeepJournal(boolean keep) {
        return new RunOptions(exportPackets, stop, progress, keep);
    }
}
