package io.nicsim.bench.run;

import io.nicsim.bench.report.Environment;
import io.nicsim.bench.report.RunResult;
import io.nicsim.bench.report.Summary;
import io.nicsim.bench.report.SummaryWriter;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;
import io.nicsim.firmware.clock.NanoClock;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario's consumers one after another in this JVM, each on fresh Chronicle queues under the run
 * folder, and writes summary.json.
 */
public final class StudyRunner {

    /** Sub-folder of the run folder that holds each consumer run's queues. */
    public static final String QUEUES = "queues";

    private final NanoClock clock;
    private final PrintWriter progress;

    public StudyRunner(NanoClock clock, PrintWriter progress) {
        this.clock = clock;
        this.progress = progress;
    }

    public Summary run(Scenario scenario, Path runDir, String command) throws Exception {
        RunFolder.create(runDir);
        List<String> consumers = scenario.host().consumers();
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < consumers.size(); i++) {
            String consumer = consumers.get(i);
            progress.printf("[%d/%d] %-16s %s warm-up + %s measured ...%n", i + 1, consumers.size(), consumer,
                    Units.formatDuration(scenario.run().warmupNanos()), Units.formatDuration(scenario.run().durationNanos()));
            progress.flush();
            Path queueDir = runDir.resolve(QUEUES).resolve(i + "-" + consumer);
            results.add(ConsumerRun.run(scenario.withConsumer(consumer), consumer, queueDir, clock));
        }
        Summary summary = new Summary(scenario.name(), false, Environment.current(), List.copyOf(results),
                scenario.effective(), command);
        SummaryWriter.write(summary, runDir);
        return summary;
    }
}
