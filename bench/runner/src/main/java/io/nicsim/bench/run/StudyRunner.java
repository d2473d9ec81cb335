package io.nicsim.bench.run;

import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.results.Comparison;
import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.traffic.UdpSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a study's consumer runs one after another in this JVM, each on fresh Chronicle queues under the run
 * folder, and writes the run folder: the effective scenario ({@value RunFiles#SCENARIO_FILE}), each run's histogram
 * files (and packets.csv), summary.json and report.html, all through {@link RunFolderWriter}. A {@link StopSignal}
 * ends the run in progress early and skips the rest; summary.json then says {@code "interrupted": true}.
 */
public final class StudyRunner {

    private final NanoClock clock;
    private final RunOptions options;

    public StudyRunner(NanoClock clock, RunOptions options) {
        this.clock = clock;
        this.options = options;
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
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < specs.size() && !options.stop().requested(); i++) {
            RunSpec spec = specs.get(i);
            Scenario scenario = spec.scenario().withConsumer(spec.consumer());
            options.progress().startRun(i, specs.size(), spec.label(), scenario.run().warmupNanos(),
                    scenario.run().durationNanos());
            RunFiles files = folder.files(i, spec.label());
            try {
                RunResult result = ConsumerRun.run(scenario, spec.label(), spec.consumer(), files.queueDir(), files,
                        clock, options);
                results.add(scenario.run().virtual() ? result : result.withCosts(MemoryProbe.complete(result.costs(),
                        spec.consumer(), scenario.run().memoryProbeWaiters())));
            } finally {
                options.progress().endRun();
            }
        }
        boolean interrupted = options.stop().requested();
        Comparison comparison = varies != null && !results.isEmpty() ? Comparison.of(results, varies) : null;
        Summary summary = new Summary(base.name(), interrupted, Environment.current(), List.copyOf(results),
                base.effective(), command, comparison);
        return folder.finish(summary);
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
