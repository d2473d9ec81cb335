package io.nicsim.bench.tune;

import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.run.ConsumerRun;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.firmware.clock.NanoClock;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Measures a point on the simulator: the scenario with the point's values, one consumer run through the same runner
 * as {@code nicsim run} and {@code sweep} ({@link StudyRunner}), in a run folder of its own under
 * {@value #POINTS}/ (summary.json, scenario.yaml, the histograms). The search and its repeats run in this JVM, which
 * stays warm; the A/B's rounds run as a replay of best.yaml does ({@link ReplayRun}: a fresh JVM, best.yaml's
 * warm-up), so the spread the verdict states is the one a replay sees. The Chronicle journal of each run is not
 * kept unless {@code run.keepJournal: always} ({@code --keep-journal}) asks: a tune makes dozens of runs, and best.yaml
 * replays the one that matters.
 */
public final class RunEvaluator implements Evaluator {

    /** Sub-folder of the tune folder holding each run's folder. */
    public static final String POINTS = "points";
    private static final String FLAG = "tune";
    /** The scenario key of the clock: {@code paced} or {@code virtual}. */
    public static final String CLOCK_KEY = "run.clock";
    /** Phases of the A/B, whose runs are made in a fresh JVM as {@code nicsim run best.yaml} makes them. */
    static final String AB_PHASE_PREFIX = "ab-";

    private final ScenarioSource source;
    private final Path tuneDir;
    private final String command;
    private final Set<Metric> metrics;
    private final NanoClock clock;
    private final RunOptions options;
    private final boolean virtualSearch;
    private final long replayNanos;

    /**
     * @param source  the scenario being tuned, values set on top
     * @param tuneDir the tune folder
     * @param command how the tune was started (into each run's summary.json)
     * @param metrics the metrics the goal needs (percentiles besides the standard ones are read from the interval log)
     * @param options stop signal; nothing is shown per run, the journal kept only when the scenario says always
     */
    public RunEvaluator(ScenarioSource source, Path tuneDir, String command, Set<Metric> metrics, NanoClock clock,
                        RunOptions options) {
        this(source, tuneDir, command, metrics, clock, options, false);
    }

    /**
     * @param virtualSearch whether the start, search and repeats run in virtual time ({@code run.clock=virtual}, safe
     *                      to call from several threads at once) while the A/B's rounds run paced, hardware in the
     *                      loop ({@code run.clock=paced})
     */
    public RunEvaluator(ScenarioSource source, Path tuneDir, String command, Set<Metric> metrics, NanoClock clock,
                        RunOptions options, boolean virtualSearch) {
        this.virtualSearch = virtualSearch;
        this.source = source;
        this.tuneDir = tuneDir;
        this.command = command;
        this.metrics = Set.copyOf(metrics);
        this.clock = clock;
        this.options = new RunOptions(options.exportPackets(), options.stop(), io.nicsim.bench.run.Progress.none(),
                false).withHandler(options.handler()).withLive(options.live());
        this.replayNanos = BestScenario.DEFAULT_REPLAY_NANOS;
    }

    private RunEvaluator(RunEvaluator other, long replayNanos) {
        this.virtualSearch = other.virtualSearch;
        this.source = other.source;
        this.tuneDir = other.tuneDir;
        this.command = other.command;
        this.metrics = other.metrics;
        this.clock = other.clock;
        this.options = other.options;
        this.replayNanos = replayNanos;
    }

    /**
     * @param nanos the shortest warm-up and measured time (each) of the A/B's replays ({@code tune --replay-length})
     * @return this evaluator with the A/B's replays that long
     */
    public RunEvaluator withReplayLength(long nanos) {
        return new RunEvaluator(this, nanos);
    }

    @Override
    public Measurement measure(Map<String, String> point, int index, String phase) throws Exception {
        Scenario scenario = source.load(FLAG, withClock(point, phase));
        String folder = POINTS + "/" + folderName(index, phase);
        Path runDir = tuneDir.resolve(folder);
        if (options.stop().requested()) {
            throw new Trials.Exhausted();
        }
        // the A/B decides and states the spread best.yaml is replayed with: its rounds run as a replay does
        Summary summary = isAb(phase) ? ReplayRun.run(scenario, runDir, options.handler(), replayNanos)
                : study(label(index, phase, point)).run(scenario, runDir, runCommand(command, index, phase, point));
        if (!scenario.run().keepsJournal(false)) {
            deleteQueues(runDir); // an A/B replay is a nicsim run, which keeps it by default
        }
        return measurement(summary, runDir, folder, metrics, options.stop());
    }

    /** @return run {@code index}'s folder name under {@value #POINTS}/: {@code 007-search} */
    public static String folderName(int index, String phase) {
        return String.format("%03d", index) + "-" + phase;
    }

    /** @return the command run {@code index}'s summary.json records: the tune's, with the run and its point named */
    public static String runCommand(String command, int index, String phase, Map<String, String> point) {
        return command + "  # run " + index + " (" + phase + "): " + ParameterSpace.label(point);
    }

    /**
     * @return run {@code index}'s label in the live feed ({@code --live}), its seconds' point and its PointDone's:
     *         {@code run 7 (search): rxUsecs=8 rxFrames=2}
     */
    public static String label(int index, String phase, Map<String, String> point) {
        return "run " + index + " (" + phase + "): " + ParameterSpace.label(point);
    }

    /** @return whether the phase is the A/B's, whose runs are made as a replay of best.yaml makes them */
    public static boolean isAb(String phase) {
        return phase.startsWith(AB_PHASE_PREFIX);
    }

    /**
     * The figures of a finished run, wherever it ran.
     *
     * @param summary its summary.json
     * @param runDir  its run folder
     * @param folder  its folder relative to the tune folder
     * @param stop    told when the run was cut short for want of disk space (the tune stops too)
     * @throws Trials.Exhausted when the run was stopped or cut short: its figures are not a full run's
     */
    public static Measurement measurement(Summary summary, Path runDir, String folder, Set<Metric> metrics,
                                          io.nicsim.bench.run.StopSignal stop) throws Exception {
        if (summary.cutShort() != null) {
            stop.cutShort(summary.cutShort()); // a child replay's disk watch: the tune stops too
        }
        if (summary.runs().isEmpty() || summary.runs().getFirst().interrupted()) {
            throw new Trials.Exhausted(); // stopped (Ctrl-C) during this run: its figures are not a full run
        }
        RunResult run = summary.runs().getFirst();
        return new Measurement(RunMetrics.of(run, runDir, metrics), folder);
    }

    /** @return the values with the clock the phase runs on, when the search runs in virtual time */
    public Map<String, String> withClock(Map<String, String> point, String phase) {
        return withClock(point, phase, virtualSearch);
    }

    /**
     * @param virtualSearch whether the start, search and repeats run in virtual time, the A/B paced
     * @return the values with the clock the phase runs on, when the search runs in virtual time
     */
    public static Map<String, String> withClock(Map<String, String> point, String phase, boolean virtualSearch) {
        if (!virtualSearch) {
            return point;
        }
        Map<String, String> values = new java.util.LinkedHashMap<>(point);
        values.put(CLOCK_KEY, isAb(phase) ? "paced" : "virtual");
        return values;
    }

    /**
     * A virtual run's charts take longer than the run: the search's runs keep summary.json and histograms only. No
     * evaluation plays a JIT warm-up round: {@link #warmUp} warmed the JVM up once before the first.
     */
    private StudyRunner study(String label) {
        StudyRunner runner = new StudyRunner(clock, options.withLive(options.live().atPoint(label)))
                .withoutJitWarmup();
        return virtualSearch ? runner.withoutReport() : runner;
    }

    @Override
    public String refusal(Map<String, String> point) {
        try {
            source.load(FLAG, point);
            return null;
        } catch (ScenarioException e) {
            return e.getMessage();
        }
    }

    /**
     * One unrecorded run of the start, so the JIT compiler's work in a fresh JVM is not charged to the first
     * evaluation.
     */
    @Override
    public void warmUp(Map<String, String> start) throws Exception {
        if (virtualSearch) {
            return; // a virtual run's figures do not depend on the JIT compiler's progress
        }
        Scenario scenario = source.load(FLAG, start);
        Path queues = tuneDir.resolve("warm-up");
        try {
            ConsumerRun.run(scenario, "warm-up", scenario.host().consumers().getFirst(), queues, null, clock,
                    options.withLive(io.nicsim.bench.run.LiveTarget.NONE)); // not the study's: no live seconds
        } finally {
            RunFolder.deleteTree(queues);
        }
    }

    private static void deleteQueues(Path runDir) throws IOException {
        RunFolder.deleteTree(runDir.resolve(RunFiles.QUEUES));
    }
}
