package io.nicsim.bench.tune;

import io.nicsim.bench.results.ScenarioYaml;
import io.nicsim.bench.process.ChildRun;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.Units;

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
     * @param replayNanos the shortest warm-up and measured time a replay gets (each)
     * @return the effective scenario with best.yaml's run length: warm-up and duration at least {@code replayNanos}
     */
    static Map<String, Object> asReplayed(Scenario scenario, long replayNanos) {
        Map<String, Object> effective = new LinkedHashMap<>(scenario.effective());
        if (effective.get("run") instanceof Map<?, ?> run) {
            Map<Object, Object> section = new LinkedHashMap<>(run);
            String replay = Units.formatDuration(replayNanos);
            if (scenario.run().warmupNanos() < replayNanos) {
                section.put("warmup", replay);
            }
            if (scenario.run().durationNanos() < replayNanos) {
                section.put("duration", replay);
            }
            effective.put("run", section);
        }
        return effective;
    }

    /**
     * Runs {@code scenario} as replayed in a child JVM, its run folder {@code runDir}.
     *
     * @param handler     the user's handler, whose jars the child is given ({@code --handler-jar}), or null
     * @param replayNanos the shortest warm-up and measured time the replay gets (each)
     * @throws IOException if the child could not run or wrote no summary
     */
    static Summary run(Scenario scenario, Path runDir, io.nicsim.host.handler.HandlerSource handler,
                       long replayNanos) throws IOException, InterruptedException {
        Files.createDirectories(runDir.getParent());
        Path input = runDir.resolveSibling(runDir.getFileName() + ".yaml");
        ScenarioYaml.write(asReplayed(scenario, replayNanos), input);
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
