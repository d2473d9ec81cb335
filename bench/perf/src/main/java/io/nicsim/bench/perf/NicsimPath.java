package io.nicsim.bench.perf;

import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.run.ConsumerRun;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.scenario.Units;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * nicsim's own notification path, run exactly as {@code nicsim run} runs it ({@link ConsumerRun} on a scenario
 * from {@link ScenarioLoader} with {@code --set} overrides), paced by a benchmark's {@link Pacing}. Queues are
 * written straight into the given folder (a benchmark's tmpfs scratch folder), not staged.
 */
final class NicsimPath {

    private NicsimPath() {
    }

    /** @return the {@code --set} overrides that make a scenario play {@code pacing} with one consumer */
    static List<String> overrides(Pacing pacing, String consumer, List<String> more) {
        List<String> overrides = new ArrayList<>(List.of(
                "traffic.kind=" + pacing.kind(),
                "traffic.ratePerSecond=" + String.format(Locale.ROOT, "%.0f", pacing.ratePerSecond()),
                "traffic.seed=" + pacing.seed(),
                "traffic.flows=1",
                "traffic.frameBytes=" + Pacing.FRAME_BYTES,
                "run.warmup=" + Units.formatDuration(pacing.warmupNanos()),
                "run.duration=" + Units.formatDuration(pacing.durationNanos()),
                "run.queueStaging=none",
                "host.consumer=" + consumer));
        overrides.addAll(more);
        return overrides;
    }

    static Scenario scenario(Pacing pacing, String consumer, List<String> more) {
        try {
            return ScenarioLoader.load(null, overrides(pacing, consumer, more));
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    static RunResult run(Scenario scenario, String consumer, Path queueDir) throws Exception {
        return ConsumerRun.run(scenario, consumer, queueDir, SystemNanoClock.INSTANCE);
    }
}
