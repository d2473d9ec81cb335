package io.nicsim.bench.run;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.report.LatencyTable;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.report.SweepReport;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.clock.NanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Runs a grid of scenario points, each a complete run folder under {@code points/} (every consumer the
 * scenario lists), then writes sweep.csv, sweep.json and the sweep's report.html in the sweep folder. A
 * {@link StopSignal} ends the point in progress early and skips the rest; what ran is written all the same.
 * <p>
 * A paced sweep in rounds ({@code run.rounds} above 1) plays every point's runs interleaved in each round, the order
 * rotating ({@link StudyRounds}), so a point's figures do not depend on when in the sweep it played.
 * <p>
 * When every point runs in virtual time ({@code run.clock: virtual}: single-threaded, deterministic, independent),
 * the points run in parallel on a fixed pool of one thread per core; their folders, files and rows are those of the
 * same points run one after another, shown and written in point order. Paced points run one after another, as they
 * need a quiet machine.
 */
public final class SweepRunner {

    /** Sub-folder holding the points' run folders. */
    public static final String POINTS = "points";
    /** Time a run takes beyond its traffic (threads, queues, files), for the time left shown. */
    private static final long RUN_OVERHEAD_NANOS = 500_000_000L;

    /**
     * One point of the grid.
     *
     * @param parameters swept key to value, as given
     * @param scenario   the base scenario with those values set
     * @param folder     its folder name under {@code points/}
     */
    public record Point(Map<String, String> parameters, Scenario scenario, String folder) {

        /** @return {@code firmware.rxUsecs=16, firmware.rxFrames=8} */
        public String label() {
            return parameters.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    private final NanoClock clock;
    private final RunOptions options;
    private final int threads;

    public SweepRunner(NanoClock clock, RunOptions options) {
        this(clock, options, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads how many virtual points run at once (1: one after another) */
    public SweepRunner(NanoClock clock, RunOptions options, int threads) {
        this.clock = clock;
        this.options = options;
        this.threads = Math.max(1, threads);
    }

    /** @return whether every scenario runs in virtual time */
    static boolean allVirtual(List<Scenario> scenarios) {
        return !scenarios.isEmpty() && scenarios.stream().allMatch(s -> s.run().virtual());
    }

    /** @return the sweep's results (also written to {@code sweepDir}) */
    public Sweep run(Scenario base, List<String> parameters, List<Point> points, Path sweepDir, String command)
            throws Exception {
        return inFolder(sweepDir, base, () -> play(base, parameters, points, sweepDir, command));
    }

    /** What a sweep does in its folder. */
    @FunctionalInterface
    public interface Body<T> {
        T play() throws Exception;
    }

    /**
     * Runs {@code body} in the sweep folder as every sweep does (here or over a cluster): the folder opened (nicsim's
     * mark, in progress, the base's effective scenario), then marked finished, or incomplete with why if it throws.
     */
    public static <T> T inFolder(Path sweepDir, Scenario base, Body<T> body) throws Exception {
        RunFolderWriter.open(sweepDir, base.effective());
        try {
            T result = body.play();
            io.nicsim.bench.results.RunProgress.end(sweepDir);
            return result;
        } catch (Exception | Error e) {
            RunFolderWriter.fail(sweepDir, e);
            throw e;
        }
    }

    /** Writes a sweep's sweep.json, sweep.csv and report.html into its folder; @return {@code sweep} */
    public static Sweep write(Path sweepDir, Sweep sweep) throws java.io.IOException {
        sweep.write(sweepDir);
        SweepReport.write(sweepDir);
        return sweep;
    }

    private Sweep play(Scenario base, List<String> parameters, List<Point> points, Path sweepDir, String command)
            throws Exception {
        long planned = 0;
        for (Point point : points) {
            planned += plannedNanos(point.scenario());
        }
        Progress progress = options.progress();
        progress.startSweep(points.size(), planned);
        List<Sweep.Row> rows = new ArrayList<>();
        boolean parallel = threads > 1 && points.size() > 1
                && allVirtual(points.stream().map(Point::scenario).toList());
        int rounds = points.isEmpty() ? 1 : points.getFirst().scenario().roundsPlayed();
        if (!parallel && rounds > 1) {
            rows.addAll(runInRounds(points, rounds, sweepDir, command));
        }
        ExecutorService pool = parallel ? Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("sweep-", 1).daemon(true).factory()) : null;
        try {
            List<Future<Summary>> ahead = new ArrayList<>();
            RunOptions quiet = new RunOptions(options.exportPackets(), options.stop(), Progress.none(),
                    options.keepJournal()).withHandler(options.handler()).withLive(options.live());
            for (int i = 0; parallel && i < points.size(); i++) {
                int index = i;
                ahead.add(pool.submit(() -> options.stop().requested() ? null
                        : runPoint(points, index, sweepDir, command, quiet)));
            }
            for (int i = 0; (parallel || rounds == 1) && i < points.size()
                    && (parallel || !options.stop().requested()); i++) {
                Point point = points.get(i);
                Summary summary = parallel ? ahead.get(i).get() : null;
                if (parallel && summary == null) {
                    continue; // stopped before this point began; the points that ran are written all the same
                }
                progress.startPoint(i, point.label(), plannedNanos(point.scenario()));
                summary = parallel ? summary : runPoint(points, i, sweepDir, command, options);
                addRows(rows, i, point, summary, progress);
                pointDone(i, points, summary);
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            if (pool != null) {
                pool.close(); // waits for the points in progress: a stop ends them early
            }
        }
        return write(sweepDir, new Sweep(base.name(), options.stop().requested(), command, List.copyOf(parameters),
                points.size(), List.of(Sweep.CPU_NOTE), Environment.current(), List.copyOf(rows),
                options.stop().cutShort()));
    }

    private Summary runPoint(List<Point> points, int i, Path sweepDir, String command, RunOptions runOptions)
            throws Exception {
        Point point = points.get(i);
        Path pointDir = sweepDir.resolve(POINTS).resolve(point.folder());
        // a point's own runs run one after another while the points run in parallel
        int studyThreads = runOptions == options ? threads : 1;
        StudyRunner study = new StudyRunner(clock, runOptions.withLive(runOptions.live().atPoint(point.label())),
                studyThreads);
        return (i == 0 ? study : study.withoutJitWarmup()).run(point.scenario(), pointDir, pointCommand(command, i,
                points));
    }

    /** @return the command point {@code i}'s summary.json records: the sweep's, with the point named */
    public static String pointCommand(String command, int i, List<Point> points) {
        return command + "  # point " + (i + 1) + " of " + points.size() + ": " + points.get(i).label();
    }

    /**
     * A paced sweep in rounds: every point's runs interleaved in each round, the order rotating, after one JIT
     * warm-up round over each policy and consumer the sweep plays (the first point's summary.json holds it); then
     * each point's run folder is written as a study's.
     *
     * @return the sweep's rows, in point order
     */
    private List<Sweep.Row> runInRounds(List<Point> points, int rounds, Path sweepDir, String command)
            throws Exception {
        List<RunFolderWriter> folders = new ArrayList<>();
        List<StudyRounds.Slot> slots = new ArrayList<>();
        Map<String, RunSpec> warmUp = new java.util.LinkedHashMap<>();
        for (Point point : points) {
            RunFolderWriter folder = RunFolderWriter.open(sweepDir.resolve(POINTS).resolve(point.folder()),
                    point.scenario().effective());
            folders.add(folder);
            List<String> consumers = point.scenario().host().consumers();
            for (int j = 0; j < consumers.size(); j++) {
                RunSpec spec = new RunSpec(consumers.get(j), point.scenario(), consumers.get(j));
                slots.add(new StudyRounds.Slot(spec, folder.files(j, spec.label()),
                        point.label() + ": " + spec.label(), point.label()));
                String kind = point.scenario().firmware().policy() + "/" + spec.consumer(); // its label in the passes
                warmUp.putIfAbsent(kind, new RunSpec(kind, point.scenario(), spec.consumer()));
            }
        }
        try {
            return playInRounds(points, rounds, sweepDir, command, folders, slots, warmUp);
        } catch (Exception | Error e) {
            folders.forEach(folder -> folder.fail(e));
            throw e;
        }
    }

    private List<Sweep.Row> playInRounds(List<Point> points, int rounds, Path sweepDir, String command,
                                         List<RunFolderWriter> folders, List<StudyRounds.Slot> slots,
                                         Map<String, RunSpec> warmUp) throws Exception {
        io.nicsim.bench.results.JitWarmupReport jitWarmup = JitWarmup.run(List.copyOf(warmUp.values()),
                sweepDir.resolve(io.nicsim.bench.results.RunFiles.QUEUES).resolve("jit-warmup"), clock, options);
        long compileMillisBefore = JitWarmup.compileMillis();
        List<RunResult> played = StudyRounds.play(slots, rounds, clock, options);
        if (jitWarmup != null && compileMillisBefore >= 0) {
            jitWarmup = jitWarmup.withCompileMillisMeasured(JitWarmup.compileMillis() - compileMillisBefore);
        }
        List<Sweep.Row> rows = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            List<RunResult> results = new ArrayList<>();
            for (int j = 0; j < point.scenario().host().consumers().size(); j++, next++) {
                if (played.get(next) != null) {
                    results.add(StudyRunner.withMemory(played.get(next), point.scenario().run()));
                }
            }
            Summary summary = new Summary(point.scenario().name(), options.stop().requested(), Environment.current(),
                    List.copyOf(results), point.scenario().effective(), pointCommand(command, i, points))
                    .withJitWarmup(i == 0 ? jitWarmup : null).withCutShort(options.stop().cutShort());
            folders.get(i).finish(summary);
            options.progress().line("[" + (i + 1) + "/" + points.size() + "] " + point.label());
            addRows(rows, i, point, summary, options.progress());
            pointDone(i, points, summary);
        }
        return rows;
    }

    /** Tells the live feed point {@code i} finished, its folder written. */
    private void pointDone(int i, List<Point> points, Summary summary) {
        if (options.live().live()) {
            options.live().feed().write(LivePoints.done(i + 1, points.size(), points.get(i).label(),
                    POINTS + "/" + points.get(i).folder(), summary));
        }
    }

    private static void addRows(List<Sweep.Row> rows, int i, Point point, Summary summary, Progress progress) {
        rows.addAll(rows(i, point, summary));
        progress.endPoint(resultLine(summary));
    }

    /** @return point {@code i}'s rows of sweep.csv: one per run of its summary, in run order */
    public static List<Sweep.Row> rows(int i, Point point, Summary summary) {
        String folder = POINTS + "/" + point.folder();
        return summary.runs().stream().map(run -> Sweep.Row.of(i, folder, point.parameters(), run)).toList();
    }

    /** @return the line shown when a point ends: each run's p99 and interrupt rate */
    public static String resultLine(Summary summary) {
        List<String> results = new ArrayList<>();
        for (RunResult run : summary.runs()) {
            results.add(run.name() + " p99 " + LatencyTable.micros(run.latencyNanos().notification().p99())
                    + " us, " + LatencyTable.count(Math.round(run.interruptsPerSecond())) + " interrupts/s");
        }
        return "      " + (results.isEmpty() ? "no run finished" : String.join("; ", results));
    }

    private static long plannedNanos(Scenario scenario) {
        long perRun = ConsumerRun.plannedNanos(scenario.run().warmupNanos(), scenario.run().durationNanos())
                + RUN_OVERHEAD_NANOS;
        return perRun * scenario.host().consumers().size();
    }
}
