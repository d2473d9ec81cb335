package io.nicsim.bench.run;

import io.nicsim.bench.report.HistogramFiles;
import io.nicsim.bench.results.JitWarmupReport;
import io.nicsim.bench.results.Rounds;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paced study in rounds: the order rotates every round, each round keeps its own files and figures, the pooled
 * result adds the rounds up (and still balances), and summary.json reads back with them. The JIT warm-up round plays
 * passes until its cap and says so.
 */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StudyRoundsTest {

    private static Scenario study(String... more) throws Exception {
        List<String> settings = new java.util.ArrayList<>(List.of("host.consumer=platform-thread,virtual-thread",
                "traffic.ratePerSecond=20kpps", "run.duration=300ms", "run.warmup=50ms", "run.rounds=3",
                "run.memoryProbeWaiters=0"));
        settings.addAll(List.of(more));
        return ScenarioLoader.load(null, settings);
    }

    @Test
    void roundsRotateTheOrderKeepTheirOwnFiguresAndPoolIntoOneBalancedResult(@TempDir Path dir) throws Exception {
        Summary summary = new StudyRunner(SystemNanoClock.INSTANCE, RunOptions.defaults())
                .run(study("run.jitWarmup=0"), dir, "test");

        assertThat(summary.jitWarmup().ended()).as("run.jitWarmup=0: no warm-up round").isEqualTo("off");
        assertThat(summary.jitWarmup().passes()).isEmpty();
        assertThat(summary.jitWarmup().compileMillisMeasured()).as("the compiler's time during the rounds")
                .isNotNegative();
        assertThat(summary.runs()).extracting(RunResult::consumer).containsExactly("platform-thread",
                "virtual-thread");
        assertThat(summary.runs().get(0).rounds().perRound()).extracting(Rounds.Round::position)
                .containsExactly(0, 1, 0);
        assertThat(summary.runs().get(1).rounds().perRound()).extracting(Rounds.Round::position)
                .containsExactly(1, 0, 1);
        for (RunResult run : summary.runs()) {
            Rounds rounds = run.rounds();
            assertThat(rounds.count()).isEqualTo(3);
            long generated = rounds.perRound().stream().mapToLong(round -> round.packets().generated()).sum();
            long measured = rounds.perRound().stream().mapToLong(round -> round.notificationNanos().count()).sum();
            assertThat(run.packets().generated()).isEqualTo(generated);
            assertThat(run.packets().generated()).isEqualTo(run.packets().delivered() + run.packets().dropped());
            assertThat(run.latencyNanos().notification().count()).as("histograms pooled").isEqualTo(measured);
            assertThat(run.measuredNanos()).as("each round a third of the measured time").isEqualTo(300_000_000L);
            long[] p50s = rounds.perRound().stream().mapToLong(round -> round.notificationNanos().p50()).toArray();
            assertThat(rounds.spread("p50")).isEqualTo(Rounds.Spread.of(p50s));
            assertThat(dir.resolve(run.files().get("hgrm"))).isRegularFile();
            assertThat(run.platformJitter().lateNanos().count()).as("the rounds' jitter probes pooled")
                    .isEqualTo(rounds.perRound().stream().mapToLong(r -> r.platformJitter().lateNanos().count()).sum());
            Path hlog = dir.resolve(run.files().get("hlog"));
            assertThat(HistogramFiles.readIntervalLog(hlog)).as("one measured second per round, one after another")
                    .hasSize(3);
            assertThat(HistogramFiles.readJitterLog(hlog)).hasSize(3);
            for (Rounds.Round round : rounds.perRound()) {
                assertThat(dir.resolve(round.files().get("hgrm"))).isRegularFile();
                assertThat(Path.of(round.journal())).isDirectory();
            }
        }
        Summary read = SummaryWriter.read(dir.resolve(SummaryWriter.FILE_NAME));
        assertThat(read.runs().get(1).rounds()).isEqualTo(summary.runs().get(1).rounds());
    }

    @Test
    void theJitWarmUpRoundPlaysEveryRunAndStopsAtItsCap(@TempDir Path dir) throws Exception {
        Summary summary = new StudyRunner(SystemNanoClock.INSTANCE, RunOptions.defaults())
                .run(study("run.jitWarmup=1ms", "run.rounds=1"), dir, "test");

        JitWarmupReport warmup = summary.jitWarmup();
        assertThat(warmup.ended()).isEqualTo(JitWarmupReport.CAP);
        assertThat(warmup.passes()).hasSize(1);
        assertThat(warmup.passes().getFirst().p50Nanos()).containsOnlyKeys("platform-thread", "virtual-thread");
        assertThat(summary.runs()).allSatisfy(run -> assertThat(run.rounds()).as("one round: none listed").isNull());
        assertThat(dir.resolve("queues/jit-warmup")).as("the passes' queues are deleted").doesNotExist();
        assertThat(SummaryWriter.read(dir.resolve(SummaryWriter.FILE_NAME)).jitWarmup()).isEqualTo(warmup);
    }
}
