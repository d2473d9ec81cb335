package io.nicsim.bench.run;

import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.firmware.clock.ManualNanoClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop request ends the traffic early: packets not yet due are never generated, what was in flight drains,
 * the accounting balances and the result says interrupted. No timing is asserted beyond "before the schedule's end".
 * The stop is requested once the run has written a given number of descriptors (the test follows the live journal,
 * so the queues are not staged), never after a wall-clock delay: on a slow machine the test only takes longer.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StopSignalTest {

    private static final long SCHEDULED_PACKETS = 600_000; // 30 s at 20 kpps: the run is stopped long before
    /** Descriptors written before the stop is requested: 1.25 s of traffic at 20 kpps, past the 1 s warm-up. */
    private static final long STOP_AFTER_DESCRIPTORS = 25_000;
    /** Liveness bound of each wait; the runs reach their stop points within seconds. */
    private static final Duration BOUND = Duration.ofSeconds(120);

    private static Scenario scenario(String consumer, String... more) throws Exception {
        List<String> settings = new java.util.ArrayList<>(List.of("run.duration=29s", "run.warmup=1s",
                "run.drainTimeout=20s", "traffic.ratePerSecond=20kpps", "traffic.kind=constant", "nic.ringSlots=65536",
                "host.consumer=" + consumer));
        settings.addAll(List.of(more));
        return ScenarioLoader.load(null, settings);
    }

    @Test
    void stoppingMidRunBalancesAndMarksTheRunInterrupted(@TempDir Path runDir) throws Exception {
        StopSignal stop = new StopSignal();
        RunFiles files = RunFiles.of(runDir, 0, "platform-thread");
        ExecutorService runner = Executors.newSingleThreadExecutor();
        RunResult result;
        try {
            Scenario scenario = scenario("platform-thread", "run.queueStaging=none"); // the journal followed live
            Future<RunResult> run = runner.submit(() -> ConsumerRun.run(scenario, "platform-thread", "platform-thread",
                    files.queueDir(), files, SystemNanoClock.INSTANCE,
                    new RunOptions(false, stop, Progress.none())));
            try {
                JournalProgress.awaitDescriptors(files.queueDir(), STOP_AFTER_DESCRIPTORS, () -> !run.isDone(), BOUND);
            } finally {
                stop.request(); // also when the wait failed: the run must not play its 30 s
            }
            result = run.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }

        RunResult.PacketCounts packets = result.packets();
        assertThat(result.interrupted()).isTrue();
        assertThat(packets.generated()).isGreaterThanOrEqualTo(STOP_AFTER_DESCRIPTORS).isLessThan(SCHEDULED_PACKETS);
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(result.trafficNanos()).isLessThan(30_000_000_000L);
        assertThat(result.measuredNanos()).isLessThan(29_000_000_000L);
        assertThat(JournalCounts.read(files.queueDir()).descriptors()).as("journal moved into the run folder")
                .isEqualTo(packets.delivered() + packets.dropReasons().getOrDefault("stranded-in-ring", 0L));
        assertThat(HistogramFiles.readIntervalLog(runDir.resolve(result.files().get("hlog"))).size())
                .as("the seconds that were never played are left out of the interval log").isLessThan(30);
    }

    @Test
    void stoppedBeforeTheTrafficStartsNothingIsGenerated(@TempDir Path runDir) throws Exception {
        StopSignal stop = new StopSignal();
        stop.request();
        // time stands still, so the traffic's time zero (20 ms after the threads start) is never reached whatever
        // the machine's load: the stop, requested before, is seen before any packet is due (with the system clock
        // this raced the 20 ms lead, and a loaded machine lost it)
        ManualNanoClock frozen = new ManualNanoClock(System.nanoTime());
        RunResult result = ConsumerRun.run(scenario("busy-poll"), "busy-poll", "busy-poll",
                runDir.resolve("queues"), null, frozen, new RunOptions(false, stop, Progress.none()));
        assertThat(result.interrupted()).isTrue();
        assertThat(result.packets().generated()).isZero();
        assertThat(result.packets().dropped()).isZero();
        assertThat(result.latencyNanos().notification().count()).isZero();
    }

    @Test
    void aStudyStoppedEarlySkipsTheRemainingRunsAndSaysSo(@TempDir Path runDir) throws Exception {
        StopSignal stop = new StopSignal();
        // one round, no JIT warm-up round: the test follows the first run's journal from its start
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=29s", "run.warmup=0s",
                "run.drainTimeout=20s", "run.rounds=1", "run.jitWarmup=0",
                "traffic.ratePerSecond=20kpps", "run.queueStaging=none", "host.consumer=event-loop,virtual-thread"));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        io.nicsim.bench.results.Summary summary;
        try {
            Future<io.nicsim.bench.results.Summary> study = runner.submit(() -> new StudyRunner(
                    SystemNanoClock.INSTANCE,
                    new RunOptions(false, stop, Progress.none())).run(scenario, runDir, "test"));
            try {
                // mid first run: 2,000 packets (0.1 s at 20 kpps) of 29 s
                JournalProgress.awaitDescriptors(RunFiles.of(runDir, 0, "event-loop").queueDir(), 2_000,
                        () -> !study.isDone(), BOUND);
            } finally {
                stop.request();
            }
            summary = study.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }
        assertThat(summary.interrupted()).isTrue();
        assertThat(summary.runs()).singleElement().satisfies(run -> {
            assertThat(run.consumer()).isEqualTo("event-loop");
            assertThat(run.interrupted()).isTrue();
            assertThat(run.packets().generated()).isEqualTo(run.packets().delivered() + run.packets().dropped());
        });
        assertThat(io.nicsim.bench.results.SummaryWriter.read(runDir.resolve("summary.json")).interrupted()).isTrue();
    }
}
