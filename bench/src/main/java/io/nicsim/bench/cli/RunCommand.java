package io.nicsim.bench.cli;

import io.nicsim.bench.report.LatencyTable;
import io.nicsim.bench.report.Summary;
import io.nicsim.bench.report.SummaryWriter;
import io.nicsim.bench.run.RunFolder;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.scenario.Units;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code nicsim run [SCENARIO]}: runs a scenario (or the default four-consumer study) and prints the table. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario (default: the built-in study of all four consumers) and print its latency table.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "scenario YAML file")
    Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: runs/<timestamp>-<scenario>)")
    Path out;

    @Option(names = "--duration", paramLabel = "TIME", description = "short for --set run.duration=TIME, e.g. 5s")
    String duration;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a scenario key; repeatable")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--verbose", description = "print stack traces with errors")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        Path runDir;
        try {
            List<String> all = new ArrayList<>(overrides);
            if (duration != null) {
                all.add("run.duration=" + duration);
            }
            scenario = ScenarioLoader.load(scenarioFile, all);
            runDir = this.out != null ? this.out
                    : RunFolder.defaultFor(Path.of(""), scenario.name(), LocalDateTime.now());
            String problem = RunFolder.problem(runDir);
            if (problem != null) {
                throw new ScenarioException("--out " + runDir, null, problem);
            }
        } catch (ScenarioException e) {
            return report(err, e, ExitCodes.BAD_INPUT);
        }
        try {
            out.printf("nicsim run: %s, %s firmware, %s %s pps; %s per consumer; results in %s%n", scenario.name(),
                    scenario.firmware().policy(), scenario.traffic().kind(), fmtRate(scenario.traffic().ratePerSecond()),
                    Units.formatDuration(scenario.run().durationNanos()), runDir);
            out.flush();
            Summary summary = new StudyRunner(SystemNanoClock.INSTANCE, out)
                    .run(scenario, runDir, commandLine());
            out.println();
            out.print(LatencyTable.render(summary));
            out.println();
            out.print(LatencyTable.renderStages(summary));
            out.println();
            out.println("notification latency = woken - intended arrival (coordinated-omission corrected), microseconds;");
            out.println("'p99 uncorr' is measured from the actual injection instead. Details: "
                    + runDir.resolve(SummaryWriter.FILE_NAME));
            return ExitCodes.OK;
        } catch (Exception e) {
            return report(err, e, ExitCodes.FAILED);
        }
    }

    private int report(PrintWriter err, Exception e, int code) {
        err.println("error: " + e.getMessage());
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private String commandLine() {
        return "nicsim " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private static String fmtRate(double ratePerSecond) {
        return ratePerSecond >= 1e6 ? String.format("%.3gM", ratePerSecond / 1e6)
                : ratePerSecond >= 1e3 ? String.format("%.3gk", ratePerSecond / 1e3)
                : String.format("%.3g", ratePerSecond);
    }
}
