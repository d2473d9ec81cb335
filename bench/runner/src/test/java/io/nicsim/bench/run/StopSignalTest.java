package io.nicsim.bench.run;

import io.nicsim.bench.results.RunFiles;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop request ends the traffic early: packets not yet due are never generated, what was in flight drains,
 * the accounting balances and the result says interrupted. No timing is asserted beyond "before the schedule's end".
 */
class StopSignalTest {

    private static final long SCHEDULED_PACKETS = 20_000 * 30; // 30 s at 20 kpps: the run is stopped long before

    private static Scenario scenario(String consumer) throws Exception {
        return ScenarioLoader.load(null, List.of("run.duration=29s", "run.warmup=1s", "run.drainTimeout=20s",
                "traffic.ratePerSecond=20kpps", "traffic.kind=constant", "nic.ringSlots=65536", "host.consumer="
                        + consumer));
    }

    @Test
    void stoppingMidRunBalancesAndMarksTheRunInterrupted(@TempDir Path runDir) throws Exception {
        StopSignal stop = new StopSignal();
        RunFiles files = RunFiles.of(runDir, 0, "platform-thread");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        RunResult result;
        try {
            timer.schedule(stop::request, 1_500, TimeUnit.MILLISECONDS);
            result = ConsumerRun.run(scenario("platform-thread"), "platform-thread", "platform-thread",
                    files.queueDir(), files, SystemNanoClock.INSTANCE, new RunOptions(false, stop, Progress.none()));
        } finally {
            timer.shutdownNow();
        }

        RunResult.PacketCounts packets = result.packets();
        assertThat(result.interrupted()).isTrue();
        assertThat(packets.generated()).isPositive().isLessThan(SCHEDULED_PACKETS);
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
        RunResult result = ConsumerRun.run(scenario("busy-poll"), "busy-poll", "busy-poll",
                runDir.resolve("queues"), null, SystemNanoClock.INSTANCE, new RunOptions(false, stop, Progress.none()));
        assertThat(result.interrupted()).isTrue();
        assertThat(result.packets().generated()).isZero();
        assertThat(result.packets().dropped()).isZero();
        assertThat(result.latencyNanos().notification().count()).isZero();
    }

    @Test
    void aStudyStoppedEarlySkipsTheRemainingRunsAndSaysSo(@TempDir Path runDir) throws Exception {
        StopSignal stop = new StopSignal();
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=29s", "run.warmup=0s",
                "run.drainTimeout=20s",
                "traffic.ratePerSecond=20kpps", "host.consumer=event-loop,virtual-thread"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        io.nicsim.bench.results.Summary summary;
        try {
            timer.schedule(stop::request, 1_000, TimeUnit.MILLISECONDS);
            summary = new StudyRunner(SystemNanoClock.INSTANCE, new RunOptions(false, stop, Progress.none()))
                    .run(scenario, runDir, "test");
        } finally {
            timer.shutdownNow();
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
