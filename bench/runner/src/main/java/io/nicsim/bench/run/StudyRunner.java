package io.nicsim.bench.run;

import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.results.Comparison;
import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.JitWarmupReport;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.scenario.RunConfig;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.traffic.UdpSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a study's consumer runs in this JVM, each on fresh Chronicle queues under the run folder: paced studies after an
 * uncounted JIT warm-up round ({@link JitWarmup}), in {@code run.rounds} rounds with a rotating order
 * ({@link StudyRounds}), or one after another with one round, and writes the run folder: the effective scenario
 * ({@value RunFiles#SCENARIO_FILE}), each run's histogram files (and packets.csv), summary.json and report.html, all
 * through {@link RunFolderWriter}. A {@link StopSignal}
 * ends the run in progress early and skips the rest; summary.json then says {@code "interrupted": true}.
 * When every run is in virtual time (single-threaded, deterministic, independent) and there are several, they run in
 * parallel on a fixed pool of one thread per core, their results kept in the runs' order; paced runs run one after
 * another, as they need a quiet machine.
 */
public final class StudyRunner {

    private final NanoClock clock;
    private final RunOptions options;
    private final int threads;
    private boolean report = true;
    private boolean jitWarmup = true;
    private MachineChecks machineChecks;

    public StudyRunner(NanoClock clock, RunOptions options) {
        this(clock, options, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads how many virtual runs run at once (1: one after another) */
    public StudyRunner(NanoClock clock, RunOptions options, int threads) {
        this.clock = clock;
        this.options = options;
        this.threads = Math.max(1, threads);
    }

    /**
     * Writes no report.html in the run folder (a tune's many runs: their charts cost more than a virtual run; {@code
     * nicsim report DIR} makes one later).
     */
    public StudyRunner withoutReport() {
        report = false;
        return this;
    }

    /**
     * Plays no JIT warm-up round whatever {@code run.jitWarmup} says (a tune's evaluations: its JVM warmed up before
     * the first).
     */
    public StudyRunner withoutJitWarmup() {
        jitWarmup = false;
        return this;
    }

    /** The checks of the machine made before the study, recorded in its summary.json (null: none made). */
    public StudyRunner withMachineChecks(MachineChecks checks) {
        machineChecks = checks;
        return this;
    }

    /** Runs every consumer the scenario lists, labelled by consumer. */
    public Summary run(Scenario scenario, Path runDir, String command) throws Exception {
        List<RunSpec> specs = new ArrayList<>();
        for (String consumer : scenario.host().consumers()) {
            specs.add(new RunSpec(consumer, scenario, consumer));
        }
        return run(scenario, specs, null, runDir, command);
    }

    /**
     * @param base    the scenario the runs derive from (its name and effective keys go into summary.json)
     * @param specs   the runs, in order
     * @param varies  for a comparison, what differs between the runs ({@code consumer}, {@code policy}); null
     *                for a plain study
     */
    public Summary run(Scenario base, List<RunSpec> specs, List<String> varies, Path runDir, String command)
            throws Exception {
        checkLiveSources(specs);
        RunFolderWriter folder = RunFolderWriter.open(runDir, base.effective());
        try {
            return play(base, specs, varies, folder, command);
        } catch (Exception | Error e) {
            folder.fail(e);
            throw e;
        }
    }

    private Summary play(Scenario base, List<RunSpec> specs, List<String> varies, RunFolderWriter folder,
                         String command) throws Exception {
        Path runDir = folder.dir();
        List<RunResult> results = new ArrayList<>();
        boolean parallel = threads > 1 && specs.size() > 1
                && SweepRunner.allVirtual(specs.stream().map(RunSpec::scenario).toList());
        JitWarmupReport warmup = null;
        boolean compares = varies != null;
        if (parallel) {
            runParallel(specs, folder, results);
            runsDone(specs, results, folder, compares);
        } else if (!specs.isEmpty()) {
            warmup = jitWarmup ? JitWarmup.run(specs, runDir.resolve(RunFiles.QUEUES).resolve("jit-warmup"), clock,
                    options) : null;
            long compileMillisBefore = JitWarmup.compileMillis();
            int rounds = base.roundsPlayed();
            List<StudyRounds.Slot> slots = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                slots.add(new StudyRounds.Slot(specs.get(i), folder.files(i, specs.get(i).label())));
            }
            List<RunResult> played = rounds > 1 ? runsDone(specs, StudyRounds.play(slots, rounds, clock, options)
                    .stream().filter(java.util.Objects::nonNull).toList(), folder, compares)
                    : playOnce(specs, folder, compares);
            if (warmup != null && compileMillisBefore >= 0) {
                warmup = warmup.withCompileMillisMeasured(JitWarmup.compileMillis() - compileMillisBefore);
            }
            for (RunResult result : played) {
                results.add(withMemory(result, base.run()));
            }
        }
        boolean interrupted = options.stop().requested();
        Comparison comparison = varies != null && !results.isEmpty() ? Comparison.of(results, varies) : null;
        Summary summary = new Summary(base.name(), interrupted, Environment.current(), List.copyOf(results),
                base.effective(), command, comparison).withMachineChecks(machineChecks).withJitWarmup(warmup)
                .withCutShort(options.stop().cutShort());
        return folder.finish(summary, report);
    }

    /**
     * Tells the live feed each run of a comparison finished ({@link LivePoints}), its files written: played once, each
     * as it ends; in rounds or in parallel, all when the last ends.
     *
     * @return {@code results}
     */
    private List<RunResult> runsDone(List<RunSpec> specs, List<RunResult> results, RunFolderWriter folder,
                                     boolean comparison) {
        if (comparison && options.live().live()) {
            for (RunResult result : results) {
                int index = indexOf(specs, result.name());
                options.live().feed().write(LivePoints.done(index + 1, specs.size(), result.name(),
                        folder.files(index, result.name()).name(), List.of(result)));
            }
        }
        return results;
    }

    private static int indexOf(List<RunSpec> specs, String label) {
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).label().equals(label)) {
                return i;
            }
        }
        return 0;
    }

    /** @return a paced run's result with the memory per waiting consumer of its kind (a probe JVM, cached per kind) */
    static RunResult withMemory(RunResult result, RunConfig run) throws Exception {
        return result.output().clock().equals(RunConfig.CLOCK_VIRTUAL) ? result
                : result.withCosts(MemoryProbe.complete(result.costs(), result.consumer(), run.memoryProbeWaiters()));
    }

    /** Runs every spec once, one after another; a run not begun before a stop is left out. */
    private List<RunResult> playOnce(List<RunSpec> specs, RunFolderWriter folder, boolean comparison)
            throws Exception {
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < specs.size() && !options.stop().requested(); i++) {
            RunSpec spec = specs.get(i);
            Scenario scenario = spec.scenario().withConsumer(spec.consumer());
            options.progress().startRun(i, specs.size(), spec.label(), scenario.run().warmupNanos(),
                    scenario.run().durationNanos());
            RunFiles files = folder.files(i, spec.label());
            try {
                results.add(ConsumerRun.run(scenario, spec.label(), spec.consumer(), files.queueDir(), files, clock,
                        options));
                runsDone(specs, List.of(results.getLast()), folder, comparison);
            } finally {
                options.progress().endRun();
            }
        }
        return results;
    }

    /** Runs every spec on a pool, results in the specs' order; a run not begun before a stop is left out. */
    private void runParallel(List<RunSpec> specs, RunFolderWriter folder, List<RunResult> results) throws Exception {
        RunOptions quiet = new RunOptions(options.exportPackets(), options.stop(), Progress.none(),
                options.keepJournal()).withHandler(options.handler()).withLive(options.live());
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, specs.size()),
                Thread.ofPlatform().name("study-", 1).daemon(true).factory())) {
            List<Future<RunResult>> ahead = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                RunSpec spec = specs.get(i);
                RunFiles files = folder.files(i, spec.label());
                ahead.add(pool.submit(() -> options.stop().requested() ? null
                        : ConsumerRun.run(spec.scenario().withConsumer(spec.consumer()), spec.label(),
                                spec.consumer(), files.queueDir(), files, clock, quiet)));
            }
            for (int i = 0; i < specs.size(); i++) {
                RunSpec spec = specs.get(i);
                RunResult result;
                try {
                    result = ahead.get(i).get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                if (result != null) {
                    options.progress().startRun(i, specs.size(), spec.label(), spec.scenario().run().warmupNanos(),
                            spec.scenario().run().durationNanos());
                    options.progress().endRun();
                    results.add(result);
                }
            }
        }
    }

    /**
     * Checks, before anything is written, that each UDP source's port can be listened on: a port in use fails here
     * with one line, not after the run folder exists.
     *
     * @throws IllegalStateException "traffic.udpPort: cannot listen on 127.0.0.1:PORT: why"
     */
    static void checkLiveSources(List<RunSpec> specs) {
        for (RunSpec spec : specs) {
            if (UdpSource.KIND.equals(spec.scenario().traffic().kind())) {
                UdpSource.checkPortFree(spec.scenario().traffic().udpPort());
            }
        }
    }
}
