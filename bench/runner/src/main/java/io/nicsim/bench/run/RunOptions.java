package io.nicsim.bench.run;

/**
 * How a study runs besides its scenario.
 *
 * @param exportPackets write packets.csv per run (host stamps journaled during the run, joined after it)
 * @param stop          polled by the runner: when requested, the traffic stops and what is in flight drains
 * @param progress      what is shown while it runs
 * @param keepJournal   the command's choice under {@code run.keepJournal: auto} ({@link
 *                      io.nicsim.bench.scenario.RunConfig#keepsJournal}): keep each run's Chronicle queues in the run
 *                      folder ({@code nicsim run}, {@code compare}) or delete them once the run's files are written
 *                      (sweep and tune points: dozens of runs, none of whose journals is read)
 * @param recorded      told of each paced run's recorder and jitter probe once its threads stopped (its stage
 *                      histograms: {@code nicsim calibrate}; a run's rounds pooled); {@link Recorded#NONE} for nothing
 * @param handler       the user's packet handler each run makes and calls ({@code host.handler}, loaded from the
 *                      jars of {@code --handler-jar} or given through the library), or null for the built-in work
 *                      model of {@code host.handlerWorkNanos} and {@code host.handlerBlockNanos}
 * @param live          where each run streams its seconds ({@code --live}); {@link LiveTarget#NONE} for nowhere
 */
public record RunOptions(boolean exportPackets, StopSignal stop, Progress progress, boolean keepJournal,
                         Recorded recorded, io.nicsim.host.handler.HandlerSource handler, LiveTarget live) {

    /** Told of a run's recorder after the run, when every writer stopped (so its histograms may be read). */
    @FunctionalInterface
    public interface Recorded {
        /** Tells nothing. */
        Recorded NONE = (recorder, jitter) -> { };

        /** @param jitter what the run's platform jitter probe recorded, or null if it had none */
        void recorded(io.nicsim.host.measure.LatencyRecorder recorder,
                      io.nicsim.bench.results.JitterRecording jitter);
    }

    /** Options streaming no seconds. */
    public RunOptions(boolean exportPackets, StopSignal stop, Progress progress, boolean keepJournal,
                      Recorded recorded, io.nicsim.host.handler.HandlerSource handler) {
        this(exportPackets, stop, progress, keepJournal, recorded, handler, LiveTarget.NONE);
    }

    /** Options told of nothing, with the built-in handler. */
    public RunOptions(boolean exportPackets, StopSignal stop, Progress progress, boolean keepJournal) {
        this(exportPackets, stop, progress, keepJournal, Recorded.NONE, null);
    }

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
        return new RunOptions(exportPackets, stop, progress, keep, recorded, handler, live);
    }

    /** @return these options, telling {@code listener} of each paced run's recorder */
    public RunOptions withRecorded(Recorded listener) {
        return new RunOptions(exportPackets, stop, progress, keepJournal, listener, handler, live);
    }

    /** @return these options, each run making and calling {@code source}'s handler (null: the built-in model) */
    public RunOptions withHandler(io.nicsim.host.handler.HandlerSource source) {
        return new RunOptions(exportPackets, stop, progress, keepJournal, recorded, source, live);
    }

    /** @return these options, each run streaming its seconds to {@code target} */
    public RunOptions withLive(LiveTarget target) {
        return new RunOptions(exportPackets, stop, progress, keepJournal, recorded, handler, target);
    }
}
