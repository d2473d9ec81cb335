package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.LiveEvent;
import io.nicsim.bench.results.LiveFeed;
import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StudyRunner;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Run folders for the dashboard's tests: real ones, written by the runner {@code nicsim run} calls (StudyRunner), in
 * virtual time (2 s of traffic: about a second of the test's time), and live feeds written line by line as a study
 * writes them.
 */
final class TinyRuns {

    private TinyRuns() {
    }

    /** Runs the default study's {@code overrides} in virtual time into {@code runs/folder}. */
    static Path run(Path runs, String folder, String... overrides) throws Exception {
        List<String> all = new ArrayList<>(List.of("run.clock=virtual", "run.duration=2s", "run.warmup=0",
                "run.memoryProbeWaiters=0", "traffic.ratePerSecond=20kpps"));
        all.addAll(List.of(overrides));
        Scenario scenario = ScenarioLoader.load(null, all);
        Path dir = runs.resolve(folder);
        new StudyRunner(SystemNanoClock.INSTANCE, RunOptions.defaults().withKeepJournal(false))
                .run(scenario, dir, "nicsim run --set " + String.join(" --set ", all));
        return dir;
    }

    /** @return the started line of a run study this process writes */
    static LiveEvent.Started started(String scenario) {
        return new LiveEvent.Started("run", scenario, "napi", List.of("platform-thread"), "paced",
                ProcessHandle.current().pid(), Instant.now().toString(), 1);
    }

    /** @return second {@code second} of run {@code run}, its latencies growing with the second */
    static LiveEvent.Second second(String run, int second) {
        return new LiveEvent.Second(null, run, second, false, 20_000, 5_000 + second * 100L, 20_000 + second * 1000L,
                60_000 + second * 1000L, 19_000, 0, 0.97, 40_000L);
    }

    /** Appends {@code events} to the feed in {@code folder}, as a study writes them. */
    static void append(Path folder, LiveEvent... events) throws Exception {
        try (LiveFeed feed = LiveFeed.open(folder)) {
            for (LiveEvent event : events) {
                feed.write(event);
            }
        }
    }
}
