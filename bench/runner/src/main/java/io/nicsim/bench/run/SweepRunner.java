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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a grid of scenario points, each a complete run folder under {@code points/} (every consumer the
 * scenario lists), then writes sweep.csv, sweep.json and the sweep's report.html in the sweep folder. A
 * {@link StopSignal} ends the point in progress early and skips the rest; what ran is written all the same.
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

    public SweepRunner(NanoClock clock, RunOptions options) {
        this.clock = clock;
        this.options = options;
    }

    /** @return the sweep's results (also written to {@code sweepDir}) */
    public Sweep run(Scenario base, List<String> parameters, List<Point> points, Path sweepDir, String command)
            throws Exception {
        RunFolderWriter.open(sweepDir, base.effective());
        long planned = 0;
        for (Point point : points) {
            planned += plannedNanos(point.scenario());
        }
        Progress progress = options.progress();
        progress.startSweep(points.size(), planned);
        List<Sweep.Row> rows = new ArrayList<>();
        for (int i = 0; i < points.size() && !options.stop().requested(); i++) {
            Point point = points.get(i);
            progress.startPoint(i, point.label(), plannedNanos(point.scenario()));
            Path pointDir = sweepDir.resolve(POINTS).resolve(point.folder());
            Summary summary = new StudyRunner(clock, options).run(point.scenario(), pointDir,
                    command + "  # point " + (i + 1) + " of " + points.size() + ": " + point.label());
            String folder = POINTS + "/" + point.folder();
            List<String> results = new ArrayList<>();
            for (RunResult run : summary.runs()) {
                rows.add(Sweep.Row.of(i, folder, point.parameters(), run));
                results.add(run.name() + " p99 " + LatencyTable.micros(run.latencyNanos().notification().p99())
                        + " us, " + LatencyTable.count(Math.round(run.interruptsPerSecond())) + " interrupts/s");
            }
            progress.endPoint("      " + (results.isEmpty() ? "no run finished" : String.join("; ", results)));
        }
        Sweep sweep = new Sweep(base.name(), options.stop().requested(), command, List.copyOf(parameters),
                points.size(), List.of(Sweep.CPU_NOTE), Environment.current(), List.copyOf(rows));
        sweep.write(sweepDir);
        SweepReport.write(sweepDir);
        return sweep;
    }

    private static long plannedNanos(Scenario scenario) {
        long perRun = ConsumerRun.plannedNanos(scenario.run().warmupNanos(), scenario.run().durationNanos())
                + RUN_OVERHEAD_NANOS;
        return perRun * scenario.host().consumers().size();
    }
}
