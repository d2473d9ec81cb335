package io.nicsim.bench.cli;

import io.nicsim.bench.cluster.ClusterEvaluator;
import io.nicsim.bench.cluster.ClusterItems;
import io.nicsim.bench.cluster.ClusterProgress;
import io.nicsim.bench.cluster.Dispatcher;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.results.RunFiles;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.LivePoints;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.report.RunReport;
import io.nicsim.bench.results.ScenarioYaml;
import io.nicsim.bench.run.Interruption;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.scenario.Units;
import io.nicsim.bench.tune.BestScenario;
import io.nicsim.bench.tune.BudgetPlan;
import io.nicsim.bench.tune.Evaluation;
import io.nicsim.bench.tune.Evaluator;
import io.nicsim.bench.tune.Goal;
import io.nicsim.bench.tune.Metric;
import io.nicsim.bench.tune.ParameterSpace;
import io.nicsim.bench.tune.PointRecord;
import io.nicsim.bench.tune.Ranges;
import io.nicsim.bench.tune.RunEvaluator;
import io.nicsim.bench.tune.ScenarioSource;
import io.nicsim.bench.tune.ScenarioValues;
import io.nicsim.bench.tune.Spread;
import io.nicsim.bench.tune.Trials;
import io.nicsim.bench.tune.TuneFiles;
import io.nicsim.bench.tune.TuneReport;
import io.nicsim.bench.tune.TuneResult;
import io.nicsim.bench.tune.TuneTables;
import io.nicsim.bench.tune.Tuner;
import io.nicsim.host.consumer.BusyPollConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code nicsim tune SCENARIO --objective M --constraint C --budget N}: searches the policy's parameters for a goal.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Search the firmware policy's parameters for the setting that minimizes an objective under"
                + " constraints, within a budget of runs, and check the best found against the start in an"
                + " interleaved A/B.",
                "Each run is one short measured run of the scenario (default 1s after a 200ms warm-up; --duration and"
                        + " --set run.warmup=... change them) with one consumer. The search is CMA-ES (an exhaustive"
                        + " pass for small spaces); the most promising points are repeated, each figure is a median"
                        + " with its range; the verdict comes from fresh, interleaved runs of the start and the best.",
                "Writes the tune folder: best.yaml (ready for nicsim run), tune.csv and tune.json (every run),"
                        + " report.html (Pareto front, A/B, search) and each run's folder under points/.",
                "Metrics: p50, p90, p99, p99.9, max, mean, any pNN.N, interruptsPerSecond, cpuPerPacket (consumer"
                        + " CPU per packet), drops. Exit code 0 whatever the verdict (it is printed and in tune.json);"
                        + " 2 for bad input (or not enough disk space for one run's journal); 4 cut short (a"
                        + " filesystem a run or an A/B replay writes to fell below its free-space floor: what ran is"
                        + " written, no verdict); 130 if interrupted.",
                "With --cluster HOST:PORT, the start, search and repeats run on the workers of a cluster (nicsim"
                        + " worker), a generation's points at once; the A/B stays on this machine.",
                "Example: nicsim tune scenarios/tune-coalesce.yaml --objective interruptsPerSecond"
                        + " --constraint 'p90<=45us' --budget 40"})
public final class TuneCommand implements Callable<Integer> {

    /** Each run's length unless --duration or --set says otherwise: short, so a budget of 40 takes minutes. */
    static final List<String> RUN_DEFAULTS = List.of("run.duration=1s", "run.warmup=200ms");

    @Mixin
    StudyOptions study;

    @Option(names = "--objective", paramLabel = "METRIC", defaultValue = "p99",
            description = "the metric to minimize (default: ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--constraint", paramLabel = "METRIC<=VALUE",
            description = "a bound every accepted setting meets, e.g. 'interruptsPerSecond<=20000', 'p99<=40us';"
                    + " repeatable")
    List<String> constraints = new ArrayList<>();

    @Option(names = "--budget", paramLabel = "RUNS", defaultValue = "40",
            description = "runs in all: search, repeats and the A/B (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--range", paramLabel = "KEY=LOW..HIGH",
            description = "a key's range instead of the policy's declared one (KEY=A,B for named values; one value"
                    + " pins it); a --range on an optional key adds it to the search; repeatable")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "runs each of the " + BudgetPlan.PROMISING
                    + " most promising points gets (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--ab-rounds", paramLabel = "N", defaultValue = "6",
            description = "interleaved rounds of the final A/B, 2 runs each (default: ${DEFAULT-VALUE})")
    int abRounds;

    @Option(names = "--replay-length", paramLabel = "DURATION", defaultValue = BestScenario.DEFAULT_REPLAY_TEXT,
            description = "the shortest warm-up, and the shortest measured time, of the A/B's runs and best.yaml: each"
                    + " replays best.yaml in a fresh JVM, which needed about 5s of each here for figures that hold;"
                    + " shorter is quicker and noisier (default: ${DEFAULT-VALUE})")
    String replayLength;

    @Option(names = "--margin", paramLabel = "PERCENT", defaultValue = "10",
            description = "guard band: the search ranks points against each constraint moved this far inside (p90<=54us"
                    + " for p90<=60us at 10), so the best found does not sit on the edge; the verdict uses the"
                    + " constraints as given (default: ${DEFAULT-VALUE})")
    double marginPercent;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "the optimizer's random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--clock", paramLabel = "paced|virtual",
            description = "virtual: the start, search and repeats run in virtual time (run.clock=virtual:"
                    + " deterministic, one run per point, a generation's points in parallel on every core), then the"
                    + " A/B confirms the best found against the start paced, hardware in the loop; best.yaml is paced."
                    + " Default: paced, the scenario as given")
    String clock;

    @Mixin
    ClusterStudy cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * What a tune works on, once its input was checked.
     *
     * @param goal        the objective and constraints
     * @param base        the scenario being tuned
     * @param space       the keys searched and their ranges
     * @param start       the scenario's own values of them
     * @param dir         the tune folder
     * @param virtual     whether the start, search and repeats run in virtual time
     * @param repeatsUsed runs each promising point gets
     */
    private record Plan(Goal goal, Scenario base, ParameterSpace space, Map<String, String> start, Path dir,
                        boolean virtual, int repeatsUsed, long replayNanos) {

        String consumer() {
            return base.host().consumers().getFirst();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Plan plan = plan(err);
        Path dir = plan.dir();
        Progress progress = study.progress(out);
        int threads = plan.virtual() ? Runtime.getRuntime().availableProcessors() : 1;
        printHeader(progress, plan, threads);
        StopSignal stop = new StopSignal();
        // one evaluation at a time, its journal deleted after it: the estimate is one run's
        DiskCheck.before(List.of(plan.base().withConsumer(plan.consumer())), dir, false, false, stop, err);
        ClusterProgress listener = cluster.on() ? ClusterStudy.progress(progress) : null;
        // joined before anything is written
        try (Dispatcher dispatcher = cluster.on() ? cluster.join(listener) : null) {
            return study.live.run(dir, LiveOption.started("tune", plan.base(), List.of(plan.base().firmware().policy()),
                    List.of(plan.consumer()), plan.virtual() ? TuneResult.VIRTUAL : plan.base().run().clock(), budget),
                    stop, progress, feed -> tune(plan, new Session(progress, stop, dispatcher, listener, feed, threads),
                            out, err));
        }
    }

    /**
     * What a tune runs with besides its plan.
     *
     * @param dispatcher the cluster's, or null for a tune on this machine
     * @param listener   the cluster's progress, or null
     * @param feed       its live feed ({@code --live}; {@link LiveFeed#NONE} without)
     * @param threads    how many virtual runs at once on this machine
     */
    private record Session(Progress progress, StopSignal stop, Dispatcher dispatcher, ClusterProgress listener,
                           LiveFeed feed, int threads) {
    }

    /** The search, repeats and A/B, then the tune's files and tables; @return the exit code */
    private int tune(Plan plan, Session session, PrintWriter out, PrintWriter err) throws Exception {
        Path dir = plan.dir();
        Progress progress = session.progress();
        StopSignal stop = session.stop();
        Dispatcher dispatcher = session.dispatcher();
        String command = StudyOptions.commandLine(spec);
        Set<Metric> metrics = new LinkedHashSet<>(plan.goal().metrics());
        RunEvaluator local = new RunEvaluator(this::load, dir, command, metrics, SystemNanoClock.INSTANCE,
                study.runOptions(stop, Progress.none(), session.feed()), plan.virtual())
                .withReplayLength(plan.replayNanos());
        Tuner.Settings settings = new Tuner.Settings(budget, plan.repeatsUsed(), abRounds, seed, marginPercent);
        RunFolder.create(dir);
        ScenarioYaml.write(plan.base().effective(), dir.resolve(RunFiles.SCENARIO_FILE));
        ClusterEvaluator onCluster = null;
        if (dispatcher != null) {
            onCluster = new ClusterEvaluator(dispatcher, local, this::load, dir, command, metrics, plan.virtual(),
                    ClusterItems.runArgs(study.exportPackets), stop, cluster.coordinator());
            session.listener().start(budget, () -> dispatcher.slots(plan.virtual()));
        }
        Evaluator evaluator = onCluster != null ? onCluster : local;
        Trials trials = new Trials(evaluator, plan.goal(), marginPercent / 100, budget, (run, point, t) -> {
            progress.line(runLine(run, point, t, plan.goal()));
            runDone(session.feed(), dir, run);
        }, stop::requested);
        Tuner.Outcome outcome;
        try (Interruption ignored = Interruption.install(stop, err);
             ExecutorService pool = dispatcher != null ? Executors.newVirtualThreadPerTaskExecutor()
                     : Executors.newFixedThreadPool(session.threads(), Thread.ofPlatform().name("tune-", 1)
                     .daemon(true).factory())) {
            if (dispatcher != null) { // the cluster's slots, paced or virtual: each worker's machine is its own
                trials.parallel(pool, Math.max(1, dispatcher.slots(plan.virtual())));
            } else if (plan.virtual()) {
                trials.parallel(pool, session.threads());
            }
            outcome = Tuner.run(plan.space(), plan.start(), trials, settings, line -> progress.line(line),
                    evaluator);
        }
        TuneResult result = TuneResult.of(new TuneResult.Context(plan.base().name(), command, Environment.current(),
                plan.base().firmware().policy(), plan.consumer(), plan.goal(), plan.space(), settings,
                plan.virtual() ? TuneResult.VIRTUAL : "paced"), outcome);
        TuneFiles.write(dir, result);
        BestScenario.write(dir, load("tune", local.withClock(result.best(), "ab-best")), result, plan.replayNanos());
        TuneReport.write(dir);
        out.println();
        out.print(TuneTables.summary(result));
        out.println();
        out.println("Files: " + dir.resolve(BestScenario.FILE_NAME) + " (nicsim run it), "
                + dir.resolve(TuneFiles.CSV_FILE) + ", " + dir.resolve(TuneResult.JSON_FILE) + "; report: "
                + dir.resolve(RunReport.FILE_NAME));
        if (onCluster != null) {
            out.println(ClusterStudy.workersLine(onCluster.results(), "run"));
        }
        out.flush();
        if (outcome.interrupted() && stop.cutShort() != null) {
            return DiskCheck.cutShort(err, stop.cutShort(), trials.used() + " of " + budget + " runs ran, no verdict",
                    dir);
        }
        if (outcome.interrupted()) {
            return StudyOptions.interrupted(err, trials.used() + " of " + budget + " runs ran, no verdict", dir);
        }
        return ExitCodes.OK;
    }

    /** @return {@code --replay-length}: a duration of at least a millisecond */
    private long replayNanos() throws ScenarioException {
        long nanos;
        try {
            nanos = Units.parseDurationNanos(replayLength);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("--replay-length", null, e.getMessage());
        }
        if (nanos < 1_000_000L) {
            throw new ScenarioException("--replay-length", null, "expected at least 1ms, found " + replayLength);
        }
        return nanos;
    }

    /**
     * Tells the live feed a run of the tune finished (here or on the cluster, the A/B's replays too), its figures from
     * its summary.json, labelled as its seconds' point ({@link RunEvaluator#label}).
     */
    private void runDone(LiveFeed feed, Path dir, Evaluation run) {
        if (!feed.live()) {
            return;
        }
        String label = RunEvaluator.label(run.index(), run.phase(), run.parameters());
        List<io.nicsim.bench.results.RunResult> runs = List.of();
        try {
            runs = SummaryWriter.read(dir.resolve(run.folder()).resolve(SummaryWriter.FILE_NAME)).runs();
        } catch (java.io.IOException e) {
            // its figures unreadable: the point is told without them
        }
        feed.write(LivePoints.done(run.index(), budget, label, run.folder(), runs));
    }

    /** Every check of the input, before anything is written; @return what the tune works on */
    private Plan plan(PrintWriter err) throws Exception {
        ScenarioSource source = this::load;
        Goal goal = Goal.parse(objective, constraints);
        boolean virtual = virtualSearch();
        int repeatsUsed = virtual ? 1 : repeats; // a virtual run is deterministic: a repeat measures nothing new
        BudgetPlan.of(budget, repeatsUsed, abRounds);
        long replayNanos = replayNanos();
        if (!(marginPercent >= 0 && marginPercent <= 50)) {
            throw new ScenarioException("--margin", null, "expected a percentage from 0 to 50, found "
                    + marginPercent);
        }
        Scenario base = study.checkHandler(source.load("--set", Map.of()));
        Scenario searched = base;
        if (virtual) { // the search's host model is read before anything is written
            searched = source.load("--clock", Map.of(RunEvaluator.CLOCK_KEY, TuneResult.VIRTUAL));
            StudyOptions.checkHostModel(searched);
        }
        checkConsumer(base);
        ParameterSpace space = Ranges.build(base.firmware().policy(), policySource(), ranges, source);
        Map<String, String> start = space.pick(ScenarioValues.of(base));
        Path dir = study.outputFolder(base, "-tune");
        StudyOptions.cleanLeftovers(dir, err);
        cluster.check(study.journal, List.of(searched), err);
        study.warnUnusedSets(java.util.List.of(base), err); // after the input's checks
        return new Plan(goal, base, space, start, dir, virtual, repeatsUsed, replayNanos);
    }

    private void printHeader(Progress progress, Plan plan, int threads) {
        Scenario base = plan.base();
        progress.line(String.format(Locale.ROOT, "nicsim tune: %s, %s firmware, %s; %s; %d runs of %s (after %s"
                        + " warm-up); results in %s", base.name(), base.firmware().policy(), plan.consumer(),
                plan.goal().describe(), budget, Units.formatDuration(base.run().durationNanos()),
                Units.formatDuration(base.run().warmupNanos()), plan.dir()));
        if (cluster.on()) {
            progress.line("on the cluster at " + cluster.members + ": the start, search and repeats run on its"
                    + " workers, a generation's points at once; the A/B runs here, both arms on this machine (arms"
                    + " measured on two machines would compare the machines)");
        } else if (plan.virtual()) {
            progress.line("virtual time: the start and the search run with run.clock=virtual, once per point (no"
                    + " repeats), " + threads + " at a time; the A/B then runs paced, hardware in the loop");
        }
        Goal goal = plan.goal();
        progress.line("searching: " + String.join(", ", plan.space().describe()) + "; start: "
                + ParameterSpace.label(plan.start()) + (goal.constraints().isEmpty() || marginPercent == 0 ? ""
                        : "; ranking with a "
                + Metric.csv(marginPercent) + "% guard band: " + goal.tightened(marginPercent / 100).describe()));
    }

    /** @return whether --clock asks for a search in virtual time */
    private boolean virtualSearch() throws ScenarioException {
        if (clock == null || clock.equals("paced")) {
            return false;
        }
        if (clock.equals(TuneResult.VIRTUAL)) {
            return true;
        }
        throw new ScenarioException("--clock", null, "expected paced or virtual, found " + clock);
    }

    /** The scenario: the file, the run-length defaults, --set and --duration, then {@code values}. */
    private Scenario load(String flag, Map<String, String> values) throws ScenarioException {
        List<String> more = new ArrayList<>();
        values.forEach((k, v) -> more.add(k + "=" + v));
        List<String> all = new ArrayList<>(RUN_DEFAULTS);
        all.addAll(study.overrides());
        if (more.isEmpty()) {
            return ScenarioLoader.load(study.scenarioFile, all);
        }
        all.addAll(more);
        try {
            return ScenarioLoader.load(study.scenarioFile, all);
        } catch (ScenarioException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("--set: ")) {
                throw new ScenarioException(flag, null, message.substring("--set: ".length()), e);
            }
            throw e;
        }
    }

    private String policySource() {
        boolean set = study.overrides().stream().anyMatch(o -> o.trim().startsWith("firmware.policy="));
        return set ? "--set" : study.scenarioFile != null ? study.scenarioFile.toString() : "defaults";
    }

    private void checkConsumer(Scenario scenario) throws ScenarioException {
        List<String> consumers = scenario.host().consumers();
        if (consumers.size() != 1) {
            throw new ScenarioException("host.consumer", null, "tune measures one consumer, found " + consumers.size()
                    + " (" + String.join(", ", consumers) + "): choose one with --set host.consumer=NAME");
        }
        if (consumers.getFirst().equals(BusyPollConsumer.NAME)) {
            throw new ScenarioException("host.consumer", null, "busy-poll spins on the ring and ignores the policy's"
                    + " interrupts and driver: nothing to tune; choose platform-thread, virtual-thread or event-loop");
        }
    }

    /** @return {@code [ 7/40] search  #5 rxUsecs=8 rxFrames=2   p99 38.2 us, interruptsPerSecond 15,231/s  meets} */
    private static String runLine(Evaluation run, PointRecord point, Trials trials, Goal goal) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%" + String.valueOf(trials.budget())
                .length() + "d/%d] %-8s #%-3d %-28s", run.index(), trials.budget(), run.phase(), run.point(),
                ParameterSpace.label(run.parameters())));
        List<String> figures = new ArrayList<>();
        for (Metric m : goal.metrics()) {
            figures.add(m.name() + " " + m.format(Goal.value(run.values(), m)));
        }
        line.append(String.join(", ", figures)).append(run.feasible() ? "  meets" : goal.constraints().isEmpty() ? ""
                : "  misses");
        if (!run.phase().startsWith("ab") && point.n() > 1) {
            Spread s = point.spread(goal.objective());
            line.append("  (#").append(point.id()).append(" over ").append(point.n()).append(" runs: ")
                    .append(s.format(goal.objective())).append(')');
        }
        return line.toString();
    }
}
