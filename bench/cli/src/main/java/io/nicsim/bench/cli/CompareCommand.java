package io.nicsim.bench.cli;

import io.nicsim.bench.cluster.ClusterCompare;
import io.nicsim.bench.cluster.ClusterItems;
import io.nicsim.bench.cluster.ClusterProgress;
import io.nicsim.bench.cluster.Dispatcher;
import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.run.Interruption;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.RunSpec;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.run.SystemNanoClock;
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
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nicsim compare [SCENARIO] --consumers ... | --policies ...}: runs side by side, ratios to the first. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Run several consumers or firmware policies side by side, with ratios to the first.",
                "Each run is reported as a ratio to the first (e.g. 'virtual-thread p99 = 1.30x platform-thread').",
                "With both lists, every policy runs with every consumer (policy-major); with one, the other comes from"
                        + " the scenario. The ratios go to summary.json's 'comparison'.",
                "Example: nicsim compare --consumers platform-thread,virtual-thread,event-loop",
                "The kernel's wake path against the JVM's: nicsim compare --consumers"
                        + " platform-thread,epoll-thread,epoll-virtual-thread,event-loop",
                "With --cluster HOST:PORT, each run runs on a worker of a cluster (nicsim worker), this process"
                        + " their coordinator; the folder is the same, with cluster.json beside it.",
                "Exit codes: 0 ok, 1 failed (with --cluster: a run failed on every try; the others are written),"
                        + " 2 bad input (also: the estimated journal does not fit the free space),"
                        + " 4 cut short (a filesystem fell below its free-space floor: the traffic stopped, what ran is"
                        + " written with \"cutShort\"), 130 interrupted."})
public final class CompareCommand implements Callable<Integer> {

    @Mixin
    StudyOptions study;

    @Option(names = "--consumers", split = ",", paramLabel = "NAME",
            description = "consumers to compare, the first is the baseline: busy-poll, platform-thread,"
                    + " virtual-thread, event-loop, epoll-thread, epoll-virtual-thread (the kernel's wake path,"
                    + " Linux), or a shape (host.consumer values)")
    List<String> consumers;

    @Option(names = "--policies", split = ",", paramLabel = "NAME",
            description = "firmware policies to compare, the first is the baseline (firmware.policy values)")
    List<String> policies;

    @Mixin
    ClusterStudy cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario base;
        List<RunSpec> specs;
        List<String> varies = new ArrayList<>();
        Path runDir;
        base = study.load();
        if (consumers == null && policies == null) {
            throw new ScenarioException("compare", null,
                    "needs --consumers or --policies (a comma-separated list), or both");
        }
        List<String> consumerList = consumers != null ? consumers : base.host().consumers();
        if (consumers != null) {
            varies.add("consumer");
            study.load("--consumers", List.of("host.consumer=" + String.join(",", consumers)));
        }
        List<Scenario> policyScenarios = new ArrayList<>();
        List<String> policyList = policies != null ? policies : List.of(base.firmware().policy());
        if (policies != null) {
            varies.add(0, "policy");
            for (String policy : policies) {
                policyScenarios.add(study.load("--policies", List.of("firmware.policy=" + policy)));
            }
        } else {
            policyScenarios.add(base);
        }
        specs = new ArrayList<>();
        boolean labelPolicy = policies != null || policyList.size() > 1;
        boolean labelConsumer = consumers != null || consumerList.size() > 1;
        for (int p = 0; p < policyList.size(); p++) {
            for (String consumer : consumerList) {
                String label = labelPolicy && labelConsumer ? policyList.get(p) + "/" + consumer
                        : labelPolicy ? policyList.get(p) : consumer;
                specs.add(new RunSpec(label, policyScenarios.get(p), consumer));
            }
        }
        if (specs.size() < 2) {
            throw new ScenarioException("compare", null, "needs at least two runs to compare, found "
                    + specs.size() + " (" + specs.getFirst().label() + ")");
        }
        for (RunSpec run : specs) {
            study.checkExport(run.scenario(), List.of(run.consumer()));
        }
        runDir = study.outputFolder(base, "-compare");
        StudyOptions.cleanLeftovers(runDir, err);
        cluster.check(study.journal, specs.stream().map(run -> run.scenario().withConsumer(run.consumer())).toList(),
                err);
        if (cluster.on()) {
            return onCluster(base, specs, varies, runDir, out, err);
        }
        StopSignal stop = new StopSignal();
        study.checkDisk(specs.stream().map(run -> run.scenario().withConsumer(run.consumer())).toList(), runDir, true,
                stop, err);
        MachineChecks checks = study.beforeRuns(specs.stream()
                .map(run -> run.scenario().withConsumer(run.consumer())).toList(), err);
        Progress progress = study.progress(out);
        progress.line(header(base, specs, runDir));
        return study.live.run(runDir, started(base, specs), stop, progress, feed -> {
            Summary summary;
            try (Interruption ignored = Interruption.install(stop, err)) {
                summary = new StudyRunner(SystemNanoClock.INSTANCE, study.runOptions(stop, progress, feed))
                        .withMachineChecks(checks).run(base, specs, varies, runDir, StudyOptions.commandLine(spec));
            }
            printComparison(out, summary, runDir);
            out.flush();
            return stoppedEarly(err, summary, specs, runDir);
        });
    }

    /** @return the live feed's first line: a comparison is one point, its runs each a PointDone as they finish */
    private static io.nicsim.bench.results.LiveEvent.Started started(Scenario base, List<RunSpec> specs) {
        return LiveOption.started("compare", base, specs.stream().map(run -> run.scenario().firmware().policy())
                .toList(), specs.stream().map(RunSpec::consumer).toList(), base.run().clock(), 1);
    }

    /**
     * The comparison with --cluster: the same checks and folder, each run by a worker of the cluster
     * ({@link ClusterCompare}); a warning when the runs ran on machines that differ.
     */
    private Integer onCluster(Scenario base, List<RunSpec> specs, List<String> varies, Path runDir, PrintWriter out,
                              PrintWriter err) throws Exception {
        String command = StudyOptions.commandLine(spec);
        List<String> runArgs = ClusterItems.runArgs(study.exportPackets);
        ClusterStudy.checkFolder(runDir, ClusterCompare.plan("", ClusterCompare.items(specs, command, runArgs)));
        List<Scenario> runs = specs.stream().map(run -> run.scenario().withConsumer(run.consumer())).toList();
        ClusterStudy.checkDisk(runs, runDir, study.exportPackets);
        study.warnUnusedSets(runs, err);
        Progress progress = study.progress(out);
        progress.line(header(base, specs, runDir) + "; on the cluster at " + cluster.members);
        ClusterProgress listener = ClusterStudy.progress(progress);
        StopSignal stop = new StopSignal();
        LiveClusterPoints points = new LiveClusterPoints(listener, runDir, specs.size());
        try (Dispatcher dispatcher = cluster.join(listener, points)) {
            return study.live.run(runDir, started(base, specs), stop, progress, feed -> {
                points.writeTo(feed);
                ClusterCompare.Outcome outcome;
                try (Interruption ignored = Interruption.install(stop, err)) {
                    outcome = new ClusterCompare(dispatcher, listener, stop, cluster.coordinator())
                            .run(base, specs, varies, runDir, command, runArgs);
                }
                return clusterResults(outcome, specs, runDir, out, err);
            });
        }
    }

    private static int clusterResults(ClusterCompare.Outcome outcome, List<RunSpec> specs, Path runDir,
                                      PrintWriter out, PrintWriter err) {
        printComparison(out, outcome.summary(), runDir);
        out.println(ClusterStudy.workersLine(outcome.results(), "run"));
        out.flush();
        if (outcome.machines() != null) {
            err.println("warning: " + outcome.machines());
            err.flush();
        }
        if (!outcome.summary().interrupted() && !outcome.failed().isEmpty()) {
            return ClusterStudy.failed(err, outcome.failed(), "run(s)", runDir);
        }
        return stoppedEarly(err, outcome.summary(), specs, runDir);
    }

    private static String header(Scenario base, List<RunSpec> specs, Path runDir) {
        return String.format("nicsim compare: %s, %d runs (%s); %s per run; results in %s", base.name(),
                specs.size(), String.join(", ", specs.stream().map(RunSpec::label).toList()),
                Units.formatDuration(base.run().durationNanos()), runDir);
    }

    private static void printComparison(PrintWriter out, Summary summary, Path runDir) {
        StudyOptions.printResults(out, summary, runDir);
        if (summary.comparison() != null) {
            out.println();
            out.print(summary.comparison().render());
        }
    }

    private static int stoppedEarly(PrintWriter err, Summary summary, List<RunSpec> specs, Path runDir) {
        if (summary.interrupted()) {
            return StudyOptions.stoppedEarly(err, summary.cutShort(), StudyOptions.ranOf(summary, specs.size()),
                    runDir);
        }
        return ExitCodes.OK;
    }
}
