package io.nicsim.bench.results;


import java.nio.file.Path;

/**
 * Where one consumer run's files go in its run folder: its Chronicle queues under {@code queues/<name>/}, its
 * HdrHistogram files and packets.csv under {@code <name>/}. {@code name} is {@code <index>-<label>}.
 *
 * @param runDir the run folder
 * @param name   the run's folder name
 */
public record RunFiles(Path runDir, String name) {

    /** The folder under the run folder that holds each run's Chronicle queues. */
    public static final String QUEUES = "queues";
    /** The effective scenario, every key as the runs used it. */
    public static final String SCENARIO_FILE = "scenario.yaml";
    /** The histogram of notification latency, HdrHistogram's percentile distribution (microseconds). */
    public static final String HGRM = "notification.hgrm";
    /**
     * Notification latency per second, HdrHistogram's interval log (nanoseconds; warm-up tagged); in paced runs with
     * the platform jitter of the same seconds beside it (tagged {@code platform-jitter}).
     */
    public static final String HLOG = "notification.hlog";
    /** One row per generated packet (--export-packets). */
    public static final String PACKETS = "packets.csv";

    /** @return a folder name for run {@code index} labelled {@code label}: {@code 0-busy-poll} */
    public static RunFiles of(Path runDir, int index, String label) {
        return new RunFiles(runDir, index + "-" + label.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** @return where its Chronicle queues go: {@code queues/<name>}, a round's as {@code queues/<name>.round-<r>} */
    public Path queueDir() {
        return runDir.resolve(RunFiles.QUEUES).resolve(name.replace('/', '.'));
    }

    /** @return where round {@code round} (from 1) of this run keeps its files: {@code <name>/round-<r>/} */
    public RunFiles round(int round) {
        return new RunFiles(runDir, name + "/round-" + round);
    }

    public Path filesDir() {
        return runDir.resolve(name);
    }

    /** @return {@code file} in this run's files folder, as a path relative to the run folder ('/'-separated) */
    public String relative(String file) {
        return name + "/" + file;
    }
}
