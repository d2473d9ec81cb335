package io.nicsim.bench.cli;

import io.nicsim.bench.results.Summary;
import io.nicsim.bench.run.Interruption;
import io.nicsim.bench.run.ParentWatch;
import io.nicsim.bench.run.Progress;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.results.MachineChecks;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;
import io.nicsim.nic.traffic.TraceSource;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.UdpSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nicsim run [SCENARIO]}: runs a scenario (or the default four-consumer study) and prints the table. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario (default: the built-in study of all four consumers) and print its latency"
                + " table.",
                "Writes a run folder: summary.json, scenario.yaml, report.html, each run's HdrHistogram files"
                        + " (.hgrm, .hlog) and, for paced runs, Chronicle journal (queues/; run.keepJournal)."
                        + " Ctrl-C or SIGTERM stops the traffic,"
                        + " drains, writes what ran with \"interrupted\": true and exits 130; a second Ctrl-C exits"
                        + " at once. Before it starts, the journal's bytes are estimated against the free space of"
                        + " /dev/shm and the output folder (exit 2 if they cannot hold it); during the runs, a"
                        + " filesystem below its free-space floor stops the traffic, drains, writes what ran with"
                        + " \"cutShort\" and exits 4.",
                "Exit codes: 0 ok, 1 failed, 2 bad input, 4 cut short (a filesystem nearly full), 130 interrupted."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    StudyOptions study;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--command", hidden = true, paramLabel = "TEXT",
            description = "the command line summary.json records, in place of this one (a cluster worker's runs"
                    + " record their study's)")
    String command;

    @CommandLine.Option(names = "--exit-with-parent", hidden = true,
            description = "stop the run, as Ctrl-C does, when the process that started it is gone (a cluster"
                    + " worker's runs: a worker killed with kill -9 leaves no run behind)")
    boolean exitWithParent;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario = study.load();
        Path runDir = study.outputFolder(scenario, "");
        StudyOptions.cleanLeftovers(runDir, err);
        StopSignal stop = new StopSignal();
        if (exitWithParent) {
            ParentWatch.install(stop, err);
        }
        study.checkDisk(StudyOptions.perConsumer(scenario), runDir, true, stop, err);
        MachineChecks checks = study.beforeRuns(List.of(scenario), err);
        Progress progress = study.progress(out);
        progress.line(String.format("nicsim run: %s, %s firmware, %s; %s per consumer; results in %s",
                scenario.name(), scenario.firmware().policy(), describe(scenario.traffic()),
                Units.formatDuration(scenario.run().durationNanos()), runDir));
        return study.live.run(runDir, LiveOption.started("run", scenario, List.of(scenario.firmware().policy()),
                scenario.host().consumers(), scenario.run().clock(), 1), stop, progress, feed -> {
                    Summary summary;
                    try (Interruption ignored = Interruption.install(stop, err)) {
                        summary = new StudyRunner(SystemNanoClock.INSTANCE, study.runOptions(stop, progress, feed))
                                .withMachineChecks(checks).run(scenario, runDir,
                                        command != null ? command : StudyOptions.commandLine(spec));
                    }
                    return results(out, err, summary, scenario, runDir);
                });
    }

    private static int results(PrintWriter out, PrintWriter err, Summary summary, Scenario scenario, Path runDir) {
        StudyOptions.printResults(out, summary, runDir);
        out.flush();
        if (summary.interrupted()) {
            return StudyOptions.stoppedEarly(err, summary.cutShort(),
                    StudyOptions.ranOf(summary, scenario.host().consumers().size()), runDir);
        }
        return ExitCodes.OK;
    }

    /**
     * @return the traffic in a few words: {@code poisson 200k pps}, {@code trace flows.csv}, {@code udp 127.0.0.1:9876}
     */
    static String describe(TrafficConfig traffic) {
        return switch (traffic.kind()) {
            case TraceSource.KIND -> "trace " + java.nio.file.Path.of(traffic.traceFile()).getFileName()
                    + (traffic.traceSpeedup() == 1.0 ? "" : " x" + traffic.traceSpeedup());
            case UdpSource.KIND -> "udp " + UdpSource.HOST + ":" + traffic.udpPort();
            default -> traffic.kind() + " " + fmtRate(traffic.ratePerSecond()) + " pps";
        };
    }

    static String fmtRate(double ratePerSecond) {
        return Units.formatRate(ratePerSecond);
    }
}
