package io.nicsim.bench.cluster;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SweepRunner;
import io.nicsim.bench.scenario.Scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep over a cluster: each point one {@link WorkItem} ({@code nicsim run} of the point's effective scenario on a
 * worker, its run folder back as {@code points/<folder>}), then sweep.csv, sweep.json and report.html written as a
 * local sweep writes them ({@link SweepRunner}'s helpers), rows in point order, and cluster.json beside them. A
 * coordinator restarted on the same folder runs only the points not complete there. Each point runs in a fresh JVM of
 * its own: a paced point's rounds interleave its own consumers only, not the sweep's points as a local sweep in rounds
 * does (sweep.json's notes say so).
 */
public final class ClusterSweep {

    /** The note sweep.json carries for a sweep that ran over a cluster. */
    public static final String NOTE = "ran over a cluster: each point in a nicsim run of its own on a worker (a fresh"
            + " JVM, with its own JIT warm-up round); a paced point's rounds interleave its own consumers only, not"
            + " the sweep's points as a local sweep in rounds does; which worker ran each point: "
            + ClusterRecord.FILE_NAME;

    /**
     * What the sweep gave.
     *
     * @param sweep   what sweep.json holds
     * @param results each point's outcome, in point order
     */
    public record Outcome(Sweep sweep, List<ItemResult> results) {

        /** @return the points that failed on every try */
        public List<ItemResult> failed() {
            return ItemResult.failed(results);
        }
    }

    private final Dispatcher dispatcher;
    private final ClusterProgress progress;
    private final StopSignal stop;
    private final String coordinator;

    /**
     * @param coordinator this coordinator as cluster.json names it (host and bound address)
     */
    public ClusterSweep(Dispatcher dispatcher, ClusterProgress progress, StopSignal stop, String coordinator) {
        this.dispatcher = dispatcher;
        this.progress = progress;
        this.stop = stop;
        this.coordinator = coordinator;
    }

    /** @return one item per point, in point order, each recording the command a local sweep records */
    public static List<WorkItem> items(List<SweepRunner.Point> points, String command, List<String> runArgs) {
        List<WorkItem> items = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            SweepRunner.Point point = points.get(i);
            items.add(new WorkItem(i, point.label(), point.folder(), ClusterItems.scenarioText(point.scenario()),
                    runArgs, SweepRunner.pointCommand(command, i, points), point.scenario().run().virtual()));
        }
        return items;
    }

    /** @return the plan cluster.json starts from, for {@link ClusterFolder#problem} before anything is written */
    public static ClusterRecord plan(String coordinator, List<WorkItem> items) {
        return ClusterRecord.planned("sweep", coordinator, items, SweepRunner.POINTS + "/");
    }

    /**
     * @param runArgs what each point's {@code nicsim run} gets besides the scenario ({@link ClusterItems#runArgs})
     * @return the sweep (also written to {@code sweepDir}) and each point's outcome
     */
    public Outcome run(Scenario base, List<String> parameters, List<SweepRunner.Point> points, Path sweepDir,
                       String command, List<String> runArgs) throws Exception {
        List<WorkItem> items = items(points, command, runArgs);
        ClusterRecord record = ClusterFolder.begin(sweepDir, plan(coordinator, items));
        return SweepRunner.inFolder(sweepDir, base, () -> play(base, parameters, points, items, sweepDir, command,
                record));
    }

    private Outcome play(Scenario base, List<String> parameters, List<SweepRunner.Point> points, List<WorkItem> items,
                         Path sweepDir, String command, ClusterRecord record) throws Exception {
        Path pointsDir = sweepDir.resolve(SweepRunner.POINTS);
        List<Summary> summaries = new ArrayList<>();
        points.forEach(p -> summaries.add(null));
        ClusterBatch batch = new ClusterBatch(dispatcher, stop, progress, sweepDir, record);
        List<ItemResult> results = batch.run(items, pointsDir,
                item -> ClusterFolder.complete(pointsDir.resolve(item.folder())), result -> {
                    if (result.complete()) {
                        Summary summary = SummaryWriter.read(result.folder().resolve(SummaryWriter.FILE_NAME));
                        summaries.set(result.item().index(), summary);
                        if (ItemResult.DONE.equals(result.status())) {
                            progress.result(result.item(), SweepRunner.resultLine(summary).strip());
                        }
                    }
                });
        List<Sweep.Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>(List.of(Sweep.CPU_NOTE, NOTE));
        Environment environment = null;
        for (int i = 0; i < points.size(); i++) {
            Summary summary = summaries.get(i);
            if (summary != null) {
                rows.addAll(SweepRunner.rows(i, points.get(i), summary));
                environment = environment == null ? summary.environment() : environment;
            } else if (ItemResult.FAILED.equals(results.get(i).status())) {
                notes.add("point " + (i + 1) + " (" + points.get(i).label() + ") failed on every try: "
                        + lastReason(results.get(i)));
            }
        }
        // the machine that ran the first point (each point's summary.json names its own; cluster.json the workers)
        Sweep sweep = new Sweep(base.name(), stop.requested(), command, List.copyOf(parameters), points.size(),
                List.copyOf(notes), environment != null ? environment : Environment.current(), List.copyOf(rows),
                stop.cutShort());
        return new Outcome(SweepRunner.write(sweepDir, sweep), results);
    }

    /** @return why an item's last try did not count, one line */
    static String lastReason(ItemResult result) {
        return result.attempts().isEmpty() || result.attempts().getLast().reason() == null ? "no reason given"
                : result.attempts().getLast().reason();
    }
}
