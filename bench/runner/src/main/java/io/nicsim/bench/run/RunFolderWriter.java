package io.nicsim.bench.run;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.report.RunReport;
import io.nicsim.bench.results.JitterRecording;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunProgress;
import io.nicsim.bench.results.ScenarioYaml;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one writer of a run folder, whatever ran it (a study, a comparison, a sweep's point, {@code nicsim host}):
 * nicsim's mark, the in-progress stamp ({@link RunProgress}) and the effective scenario when it opens, each run's
 * histogram files, then summary.json and report.html when it finishes, the in-progress stamp removed last; a run that
 * fails marks the folder incomplete ({@link #fail}).
 */
public final class RunFolderWriter {

    private final Path dir;

    private RunFolderWriter(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates (or reuses) the folder, marks it as nicsim's and in progress, and writes the effective scenario into it.
     */
    public static RunFolderWriter open(Path dir, Map<String, Object> effectiveScenario) throws IOException {
        RunFolder.create(dir);
        RunProgress.begin(dir);
        ScenarioYaml.write(effectiveScenario, dir.resolve(RunFiles.SCENARIO_FILE));
        return new RunFolderWriter(dir);
    }

    public Path dir() {
        return dir;
    }

    /** @return where run {@code index}, labelled {@code label}, keeps its queues and files */
    public RunFiles files(int index, String label) {
        return RunFiles.of(dir, index, label);
    }

    /**
     * Writes one run's notification latency as HdrHistogram files: the percentile distribution and the interval log.
     *
     * @param measureFromNanos when the measured window opened, on {@code clock}
     * @param name             the run's name, the interval log's tag
     * @return the files written, by kind ({@code hgrm}, {@code hlog}), relative to the run folder
     */
    public static Map<String, String> writeHistograms(RunFiles files, LatencyRecorder recorder, long measureFromNanos,
                                                      NanoClock clock, String name) throws IOException {
        return writeHistograms(files, recorder, null, measureFromNanos, clock, name);
    }

    /**
     * The same, with the platform jitter's seconds in the interval log beside the notification latency's (tagged
     * {@value HistogramFiles#JITTER_TAG}).
     *
     * @param jitter what the jitter probe recorded over the measured window, or null (a run without a probe)
     */
    public static Map<String, String> writeHistograms(RunFiles files, LatencyRecorder recorder, JitterRecording jitter,
                                                      long measureFromNanos, NanoClock clock, String name)
            throws IOException {
        long firstIntervalNanos = measureFromNanos - recorder.warmupIntervals() * LatencyRecorder.INTERVAL_NANOS;
        return writeHistograms(files, recorder, jitter, System.currentTimeMillis()
                + (firstIntervalNanos - clock.nanoTime()) / 1_000_000, name);
    }

    /**
     * Writes a recorder's histogram files whose first interval began at {@code epochMillisAtFirstInterval} (also a
     * run's rounds pooled: their measured seconds one after another from the first round's, the jitter's alike).
     *
     * @return the files written, by kind ({@code hgrm}, {@code hlog}), relative to the run folder
     */
    public static Map<String, String> writeHistograms(RunFiles files, LatencyRecorder recorder, JitterRecording jitter,
                                                      long epochMillisAtFirstInterval, String name)
            throws IOException {
        Path filesDir = Files.createDirectories(files.filesDir());
        Map<String, String> written = new LinkedHashMap<>();
        HistogramFiles.writePercentiles(recorder.notification(), filesDir.resolve(RunFiles.HGRM));
        written.put("hgrm", files.relative(RunFiles.HGRM));
        HistogramFiles.writeIntervalLog(recorder, jitter, epochMillisAtFirstInterval, name,
                filesDir.resolve(RunFiles.HLOG));
        written.put("hlog", files.relative(RunFiles.HLOG));
        return written;
    }

    /** Writes summary.json, then report.html from it; @return {@code summary} */
    public Summary finish(Summary summary) throws IOException {
        return finish(summary, true);
    }

    /** @param report whether to write report.html too ({@code nicsim report DIR} makes it later) */
    public Summary finish(Summary summary, boolean report) throws IOException {
        SummaryWriter.write(summary, dir);
        if (report) {
            RunReport.write(dir);
        }
        RunProgress.end(dir);
        return summary;
    }

    /** The run failed midway: marks the folder incomplete with why (its files are kept, as far as they got). */
    public void fail(Throwable error) {
        fail(dir, error);
    }

    /** Marks {@code dir} incomplete: "failed: " and the error's message. */
    static void fail(Path dir, Throwable error) {
        String message = error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        RunProgress.fail(dir, "failed: " + message);
    }
}
