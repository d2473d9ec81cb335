package io.nicsim.bench.cluster;

import io.nicsim.bench.results.RunFolder;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.tune.Evaluator;
import io.nicsim.bench.tune.Measurement;
import io.nicsim.bench.tune.Metric;
import io.nicsim.bench.tune.ParameterSpace;
import io.nicsim.bench.tune.RunEvaluator;
import io.nicsim.bench.tune.ScenarioSource;
import io.nicsim.bench.tune.Trials;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures a tune's points on the cluster: each run of the start, the search and the repeats is one {@link WorkItem}
 * (the scenario with the point's values, as {@link RunEvaluator} loads it) whose run folder comes back as
 * {@code points/NNN-phase}, its figures read back as {@link RunEvaluator} reads a local run's. Safe to call from
 * several threads at once, so a generation's proposals run at once on many machines ({@link Trials#parallel}). The
 * A/B's rounds stay on this machine ({@code local}, a {@link RunEvaluator}: each a replay of best.yaml in a fresh
 * JVM): a verdict between two points measured on two machines would measure the machines. Trade-off: each run on a
 * worker is a fresh {@code nicsim run}, its JIT warm-up round its own, where a local tune's JVM stays warm.
 */
public final class ClusterEvaluator implements Evaluator {

    private static final String FLAG = "tune";

    private final Dispatcher dispatcher;
    private final Evaluator local;
    private final ScenarioSource source;
    private final Path tuneDir;
    private final String command;
    private final Set<Metric> metrics;
    private final boolean virtualSearch;
    private final List<String> runArgs;
    private final StopSignal stop;
    private final String coordinator;
    private final Map<Integer, ItemResult> results = new TreeMap<>();

    /**
     * @param local         measures the A/B's rounds (and says which values the simulator refuses)
     * @param source        the scenario being tuned, values set on top
     * @param tuneDir       the tune folder
     * @param command       how the tune was started (into each run's summary.json)
     * @param metrics       the metrics the goal needs
     * @param virtualSearch whether the start, search and repeats run in virtual time ({@link RunEvaluator#withClock})
     * @param runArgs       what each run's {@code nicsim run} gets besides the scenario
     * @param stop          a stop request ends the run in progress on its worker, and the tune
     * @param coordinator   this coordinator as cluster.json names it
     */
    public ClusterEvaluator(Dispatcher dispatcher, Evaluator local, ScenarioSource source, Path tuneDir,
                            String command, Set<Metric> metrics, boolean virtualSearch, List<String> runArgs,
                            StopSignal stop, String coordinator) {
        this.dispatcher = dispatcher;
        this.local = local;
        this.source = source;
        this.tuneDir = tuneDir;
        this.command = command;
        this.metrics = Set.copyOf(metrics);
        this.virtualSearch = virtualSearch;
        this.runArgs = List.copyOf(runArgs);
        this.stop = stop;
        this.coordinator = coordinator;
    }

    @Override
    public Measurement measure(Map<String, String> point, int index, String phase) throws Exception {
        if (RunEvaluator.isAb(phase)) {
            return local.measure(point, index, phase);
        }
        if (stop.requested()) {
            throw new Trials.Exhausted();
        }
        Scenario scenario = source.load(FLAG, RunEvaluator.withClock(point, phase, virtualSearch));
        String name = RunEvaluator.folderName(index, phase);
        Path pointsDir = tuneDir.resolve(RunEvaluator.POINTS);
        WorkItem item = new WorkItem(index - 1, phase + " " + ParameterSpace.label(point), name,
                ClusterItems.scenarioText(scenario), runArgs, RunEvaluator.runCommand(command, index, phase, point),
                scenario.run().virtual());
        RunFolder.deleteTree(pointsDir.resolve(name)); // a local tune makes its run folders again too
        java.nio.file.Files.createDirectories(pointsDir);
        ItemResult result = ClusterBatch.await(dispatcher, item, pointsDir, stop);
        record(result);
        if (ItemResult.NOT_RUN.equals(result.status())) {
            throw new Trials.Exhausted(); // stopped before or during this run
        }
        if (!result.complete()) {
            throw new IOException("run " + index + " (" + phase + ", " + ParameterSpace.label(point)
                    + ") failed on every try: " + ClusterSweep.lastReason(result));
        }
        Path runDir = pointsDir.resolve(name);
        return RunEvaluator.measurement(SummaryWriter.read(runDir.resolve(SummaryWriter.FILE_NAME)), runDir,
                RunEvaluator.POINTS + "/" + name, metrics, stop);
    }

    @Override
    public String refusal(Map<String, String> point) {
        return local.refusal(point);
    }

    /** Nothing: each run on a worker is a fresh {@code nicsim run}, which plays its own JIT warm-up round. */
    @Override
    public void warmUp(Map<String, String> start) {
    }

    /** @return every run sent to the cluster so far, in run order */
    public synchronized List<ItemResult> results() {
        return List.copyOf(results.values());
    }

    /** @return cluster.json as it stands: every run sent to the cluster so far, in run order */
    public synchronized ClusterRecord record() {
        List<WorkItem> items = results.values().stream().map(ItemResult::item).toList();
        List<WorkItem> renumbered = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            WorkItem w = items.get(i);
            renumbered.add(new WorkItem(i, w.label(), w.folder(), w.scenario(), w.runArgs(), w.command(), w.virtual()));
        }
        ClusterRecord record = ClusterRecord.planned("tune", coordinator, renumbered, RunEvaluator.POINTS + "/");
        int i = 0;
        for (ItemResult result : results.values()) {
            record = record.with(new ItemResult(renumbered.get(i++), result.status(), result.folder(),
                    result.worker(), result.attempts()));
        }
        return record.withWorkers(dispatcher.workers());
    }

    private synchronized void record(ItemResult result) throws IOException {
        results.put(result.item().index(), result);
        record().write(tuneDir);
    }
}
