package io.nicsim.bench.cli;

import io.nicsim.bench.report.SweepTable;

import io.nicsim.bench.cluster.ClusterItems;
import io.nicsim.bench.cluster.ClusterProgress;
import io.nicsim.bench.cluster.ClusterSweep;
import io.nicsim.bench.cluster.Dispatcher;
import io.nicsim.bench.report.RunReport;
import io.nicsim.bench.results.Sweep;
import io.nicsim.bench.run.Interruption;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SweepRunner;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.results.KeyUse;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.Units;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code nicsim sweep [SCENARIO] --param KEY=V1,V2,...}: the scenario over a grid of values, with curves. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a scenario over a grid of parameter values and plot the latency against them.",
                "Each --param gives a scenario key and its values; several --param make the cross product (the first"
                        + " varies slowest). Each point runs every consumer the scenario lists, in its own run folder"
                        + " under points/; the sweep folder gets sweep.csv, sweep.json and report.html.",
                "Example: nicsim sweep --set firmware.policy=coalesce --set host.consumer=platform-thread"
                        + " --param firmware.rxUsecs=0,8,16,32,64",
                "With --cluster HOST:PORT, the points run on the workers of a cluster (nicsim worker), this"
                        + " process their coordinator; the folder is the same, with cluster.json beside it.",
                "Exit codes: 0 ok, 1 failed (with --cluster: a point failed on every try; the others are written),"
                        + " 2 bad input (also: the estimated journal does not fit the free space),"
                        + " 4 cut short (a filesystem fell below its free-space floor: the traffic stopped, what ran is"
                        + " written with \"cutShort\"), 130 interrupted."})
public final class SweepCommand implements Callable<Integer> {

    @Mixin
    StudyOptions study;

    @Option(names = "--param", required = true, paramLabel = "KEY=V1,V2,...",
            description = "a scenario key and the values to run it at; repeat for a grid")
    List<String> params = new ArrayList<>();

    @Mixin
    ClusterStudy cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario base;
        Map<String, List<String>> grid;
        List<SweepRunner.Point> points;
        Path sweepDir;
        base = study.load();
        grid = parse(params);
        points = points(grid);
        for (SweepRunner.Point point : points) {
            study.checkExport(point.scenario(), point.scenario().host().consumers());
        }
        sweepDir = study.outputFolder(base, "-sweep");
        StudyOptions.cleanLeftovers(sweepDir, err);
        cluster.check(study.journal, points.stream().map(SweepRunner.Point::scenario).toList(), err);
        if (cluster.on()) {
            return onCluster(base, grid, points, sweepDir, out, err);
        }
        StopSignal stop = new StopSignal();
        study.checkDisk(points.stream().flatMap(point -> StudyOptions.perConsumer(point.scenario()).stream()).toList(),
                sweepDir, false, stop, err);
        study.beforeRuns(points.stream().map(SweepRunner.Point::scenario).toList(), err);
        Progress progress = study.progress(out);
        progress.line(header(base, grid, points, sweepDir));
        return study.live.run(sweepDir, started(base, points), stop, progress, feed -> {
            Sweep sweep;
            try (Interruption ignored = Interruption.install(stop, err)) {
                // a sweep's points keep no journal unless run.keepJournal says always (--keep-journal)
                sweep = new SweepRunner(SystemNanoClock.INSTANCE, study.runOptions(stop, progress, feed)
                        .withKeepJournal(false))
                        .run(base, List.copyOf(grid.keySet()), points, sweepDir, StudyOptions.commandLine(spec));
            }
            printSweep(out, sweep, sweepDir);
            out.flush();
            return stoppedEarly(err, sweep, points, sweepDir);
        });
    }

    /** @return the live feed's first line: every policy and consumer the points run, one point per point */
    private static io.nicsim.bench.results.LiveEvent.Started started(Scenario base, List<SweepRunner.Point> points) {
        return LiveOption.started("sweep", base, points.stream().map(p -> p.scenario().firmware().policy()).toList(),
                points.stream().flatMap(p -> p.scenario().host().consumers().stream()).toList(), base.run().clock(),
                points.size());
    }

    /**
     * The sweep with --cluster: the same checks and files, its points run by the cluster's workers
     * ({@link ClusterSweep}), a coordinator restarted on the same folder running only the points missing there.
     */
    private Integer onCluster(Scenario base, Map<String, List<String>> grid, List<SweepRunner.Point> points,
                              Path sweepDir, PrintWriter out, PrintWriter err) throws Exception {
        String command = StudyOptions.commandLine(spec);
        List<String> runArgs = ClusterItems.runArgs(study.exportPackets);
        ClusterStudy.checkFolder(sweepDir, ClusterSweep.plan("", ClusterSweep.items(points, command, runArgs)));
        List<Scenario> runs = points.stream().flatMap(point -> StudyOptions.perConsumer(point.scenario()).stream())
                .toList();
        ClusterStudy.checkDisk(runs, sweepDir, study.exportPackets);
        study.warnUnusedSets(points.stream().map(SweepRunner.Point::scenario).toList(), err);
        Progress progress = study.progress(out);
        progress.line(header(base, grid, points, sweepDir) + "; on the cluster at " + cluster.members);
        ClusterProgress listener = ClusterStudy.progress(progress);
        StopSignal stop = new StopSignal();
        LiveClusterPoints pointsDone = new LiveClusterPoints(listener, sweepDir, points.size());
        try (Dispatcher dispatcher = cluster.join(listener, pointsDone)) {
            return study.live.run(sweepDir, started(base, points), stop, progress, feed -> {
                pointsDone.writeTo(feed);
                ClusterSweep.Outcome outcome;
                try (Interruption ignored = Interruption.install(stop, err)) {
                    outcome = new ClusterSweep(dispatcher, listener, stop, cluster.coordinator())
                            .run(base, List.copyOf(grid.keySet()), points, sweepDir, command, runArgs);
                }
                return clusterResults(outcome, points, sweepDir, out, err);
            });
        }
    }

    private static int clusterResults(ClusterSweep.Outcome outcome, List<SweepRunner.Point> points, Path sweepDir,
                                      PrintWriter out, PrintWriter err) {
        printSweep(out, outcome.sweep(), sweepDir);
        out.println(ClusterStudy.workersLine(outcome.results(), "point"));
        out.flush();
        if (!outcome.sweep().interrupted() && !outcome.failed().isEmpty()) {
            return ClusterStudy.failed(err, outcome.failed(), "point(s)", sweepDir);
        }
        return stoppedEarly(err, outcome.sweep(), points, sweepDir);
    }

    private static String header(Scenario base, Map<String, List<String>> grid, List<SweepRunner.Point> points,
                                 Path sweepDir) {
        return String.format("nicsim sweep: %s over %s (%d points; %s per consumer run; consumers %s); results in %s",
                base.name(), String.join(" x ", grid.keySet()), points.size(),
                Units.formatDuration(base.run().durationNanos()), String.join(",", base.host().consumers()),
                sweepDir);
    }

    private static void printSweep(PrintWriter out, Sweep sweep, Path sweepDir) {
        out.println();
        out.print(SweepTable.render(sweep));
        out.println();
        out.println("notification latency = woken - intended arrival, microseconds. " + Sweep.CPU_NOTE + ".");
        out.println("Table: " + sweepDir.resolve(Sweep.CSV_FILE) + ", " + sweepDir.resolve(Sweep.JSON_FILE)
                + "; charts: " + sweepDir.resolve(RunReport.FILE_NAME));
    }

    private static int stoppedEarly(PrintWriter err, Sweep sweep, List<SweepRunner.Point> points, Path sweepDir) {
        if (sweep.interrupted()) {
            long ran = sweep.rows().stream().mapToInt(Sweep.Row::point).distinct().count();
            return StudyOptions.stoppedEarly(err, sweep.cutShort(), ran + " of " + points.size() + " points ran",
                    sweepDir);
        }
        return ExitCodes.OK;
    }

    /** @return key to values, in the order given */
    static Map<String, List<String>> parse(List<String> params) throws ScenarioException {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        for (String param : params) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? "" : param.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new ScenarioException("--param", null, "expected KEY=VALUE[,VALUE...], found '" + param + "'");
            }
            List<String> values = new ArrayList<>();
            for (String value : param.substring(eq + 1).split(",", -1)) {
                if (value.isBlank()) {
                    throw new ScenarioException("--param", key, "expected a comma-separated list of values, found '"
                            + param.substring(eq + 1) + "' (an empty value)");
                }
                if (values.contains(value.trim())) {
                    throw new ScenarioException("--param", key, "value '" + value.trim() + "' is listed twice");
                }
                values.add(value.trim());
            }
            if (grid.put(key, values) != null) {
                throw new ScenarioException("--param", key, "given twice; list every value in one --param");
            }
        }
        return grid;
    }

    /** Every point of the grid, each scenario loaded (and so checked) before anything runs. */
    private List<SweepRunner.Point> points(Map<String, List<String>> grid) throws ScenarioException, BadInput {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> axis : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.getValue()) {
                    Map<String, String> point = new LinkedHashMap<>(partial);
                    point.put(axis.getKey(), value);
                    next.add(point);
                }
            }
            combinations = next;
        }
        int width = String.valueOf(combinations.size() - 1).length();
        List<SweepRunner.Point> points = new ArrayList<>();
        for (int i = 0; i < combinations.size(); i++) {
            Map<String, String> values = combinations.get(i);
            List<String> overrides = values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
            Scenario scenario = study.load("--param", overrides);
            StringBuilder folder = new StringBuilder(String.format("%0" + width + "d", i));
            values.forEach((k, v) -> folder.append('-').append(Sweep.shortKey(k)).append('=').append(v));
            points.add(new SweepRunner.Point(values, scenario,
                    folder.toString().replaceAll("[^A-Za-z0-9._=-]", "_")));
        }
        List<Scenario> runs = points.stream().map(SweepRunner.Point::scenario).toList();
        for (String key : grid.keySet()) {
            String unused = KeyUse.unused(key, runs);
            if (unused != null) {
                throw new ScenarioException("--param", key, unused + "; a sweep over it would only plot noise");
            }
        }
        return points;
    }
}
