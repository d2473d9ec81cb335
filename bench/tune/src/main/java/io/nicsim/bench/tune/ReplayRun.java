package io.nicsim.bench.tune;

import io.nicsim.bench.results.ScenarioYaml;
import io.nicsim.bench.process.ChildRun;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as {@code nicsim run best.yaml} makes it: the scenario written to a file with best.yaml's warm-up, run by
 * {@code nicsim run} in a fresh JVM (this one's flags and class path). The A/B's rounds run this way, so the spread
 * they state is the spread a replay of best.yaml sees, a fresh JVM's JIT compiler and all, not that of runs in a
 * JVM that stayed warm.
 */
final class ReplayRun {

    private static final long TIMEOUT_MINUTES = 10;

    private ReplayRun() {
    }

    /**
     * @return the effective scenario with best.yaml's run length: warm-up and duration at least
     *         {@value BestScenario#MIN_WARMUP_TEXT} and {@value BestScenario#MIN_DURATION_TEXT}
     */
    static Map<String, Object> asReplayed(Scenario scenario) {
        Map<String, Object> effective = new LinkedHashMap<>(scenario.effective());
        if (effective.get("run") instanceof Map<?, ?> run) {
            Map<Object, Object> section = new LinkedHashMap<>(run);
            if (scenario.run().warmupNanos() < BestScenario.MIN_WARMUP_NANOS) {
                section.put("warmup", BestScenario.MIN_WARMUP_TEXT);
            }
            if (scenario.run().durationNanos() < BestScenario.MIN_DURATION_NANOS) {
                section.put("duration", BestScenario.MIN_DURATION_TEXT);
            }
            effective.put("run", section);
        }
        return effective;
    }

    /**
     * Runs {@code scenario} as replayed in a child JVM, its run folder {@code runDir}.
     *
     * @param handler the user's handler, whose jars the child is given ({@code --handler-jar}), or null
     * @throws IOException if the child could not run or wrote no summary
     */
    static Summary run(Scenario scenario, Path runDir, io.nicsim.host.handler.HandlerSource handler)
            throws IOException, InterruptedException {
        Files.createDirectories(runDir.getParent());
        Path input = runDir.resolveSibling(runDir.getFileName() + ".yaml");
        ScenarioYaml.write(asReplayed(scenario), input);
        return ChildRun.run(args(input, handler), runDir, TIMEOUT_MINUTES, "replay run");
    }

    /** @return what follows {@code nicsim run} for a replay of {@code input}: the handler's jars too */
    static List<String> args(Path input, io.nicsim.host.handler.HandlerSource handler) {
        List<String> args = new java.util.ArrayList<>(List.of(input.toString(), "--quiet", "--set",
                "run.memoryProbeWaiters=0"));
        args.addAll(ChildRun.handlerJarArgs(handler));
        return args;
    }
}
