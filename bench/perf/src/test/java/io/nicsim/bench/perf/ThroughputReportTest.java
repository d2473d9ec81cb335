package io.nicsim.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What "sustained" means, and the throughput report on a synthetic search. */
class ThroughputReportTest {

    private static final long BOUND = 100_000;

    @Test
    void sustainedMeansEveryPacketDeliveredAndLatenessP99WithinTheBound() {
        assertThat(ThroughputBenchmark.judge(1_000, 1_000, "p90", BOUND, BOUND, MAX_BEHIND)).isEmpty();
        assertThat(ThroughputBenchmark.judge(1_000, 998, "p90", 0, BOUND, 0)).isEqualTo("2 dropped");
        assertThat(ThroughputBenchmark.judge(1_000, 1_000, "p90", BOUND + 1, BOUND, 0))
                .isEqualTo("device lag p90 100.0 us");
        assertThat(ThroughputBenchmark.judge(1_000, 1_000, "p90", BOUND, BOUND, MAX_BEHIND + 1))
                .as("a consumer falling behind, the device on time").isEqualTo("consumer behind: notification p90"
                        + " 1,000 us");
        assertThat(ThroughputBenchmark.percentileName(99.9)).isEqualTo("p99.9");
        assertThat(ThroughputBenchmark.percentileName(90)).isEqualTo("p90");
    }

    private static final long MAX_BEHIND = ThroughputBenchmark.MAX_NOTIFICATION_NANOS;

    @Test
    void theConsumersFigureIsJudgedAtTheSmallestListedPercentileAtOrAboveTheDevices() {
        io.nicsim.bench.results.LatencySummary summary = new io.nicsim.bench.results.LatencySummary(10, 1, 50, 90,
                99, 999, 1_000, 1.0);
        assertThat(ThroughputBenchmark.atOrAbove(summary, 90)).isEqualTo(90);
        assertThat(ThroughputBenchmark.atOrAbove(summary, 95)).isEqualTo(99);
        assertThat(ThroughputBenchmark.atOrAbove(summary, 99.99)).isEqualTo(1_000);
    }

    private static ThroughputBenchmark.Trial trial(double rate, String reason) {
        return trial(rate, reason, 1);
    }

    private static ThroughputBenchmark.Trial trial(double rate, String reason, double descriptorsPerBurst) {
        LatencyFigures figures = new LatencyFigures(100, 200, 300, 400, 500, 600);
        return new ThroughputBenchmark.Trial(rate, 10, reason.isEmpty() ? 10 : 9, Map.of(), figures, figures, 1,
                reason, 0, 0, 1, descriptorsPerBurst);
    }

    private static ThroughputBenchmark.ConfigResult searched(String label, double sustained,
                                                             double descriptorsPerBurst) {
        RateSearch.Outcome<ThroughputBenchmark.Trial> outcome = new RateSearch.Outcome<>(sustained, sustained * 1.1,
                "resolution", List.of(new RateSearch.Step<>(sustained, true, trial(sustained, "",
                descriptorsPerBurst))));
        return new ThroughputBenchmark.ConfigResult(ThroughputBenchmark.config(label), outcome);
    }

    static ThroughputBenchmark.Result result() {
        RateSearch.Limits limits = new RateSearch.Limits(250_000, 1_000, 32e6, 0.1, 10, 30_000_000_000L, 1_000);
        ThroughputBenchmark.Options options = new ThroughputBenchmark.Options("constant", 1, 500_000_000L,
                1_000_000_000L, 90, BOUND, 20_000_000L, limits, 1_000_000_000L, 2, ThroughputBenchmark.CONFIGS);
        RateSearch.Outcome<ThroughputBenchmark.Trial> outcome = new RateSearch.Outcome<>(2e6, 2.2e6, "resolution",
                List.of(new RateSearch.Step<>(2e6, true, trial(2e6, "")),
                        new RateSearch.Step<>(2.2e6, false, trial(2.2e6, "lateness p99 312 us"))));
        return new ThroughputBenchmark.Result(options, new RawAppend.Rates(4e6, 3e6),
                List.of(new ThroughputBenchmark.ConfigResult(ThroughputBenchmark.CONFIGS.getFirst(), outcome)));
    }

    @Test
    void burstConfigurationsShowTheirMeanBurstTheirOwnRawRateAndTheIssuesTargets() {
        ThroughputBenchmark.Result base = result();
        ThroughputBenchmark.Result result = new ThroughputBenchmark.Result(base.options(),
                new RawAppend.Rates(4e6, 3e6, Map.of(16, 20e6)), List.of(
                        searched("per-packet + busy-poll", 1e6, 1),
                        searched("coalesce rxFrames=64 + busy-poll, bursts of 16", 5.5e6, 16),
                        searched("per-packet + busy-poll, bursts of 16", 1.1e6, 1)));

        String text = ThroughputReport.text(result);

        assertThat(text).contains("bursts (a document per burst) of 16: 20.0M/s", "desc/burst",
                "coalesce rxFrames=64 + busy-poll, bursts of 16", "16.0", "28%");
        assertThat(ThroughputReport.targets(result)).containsExactly(
                "target >= 5.00M pps with coalesce rxFrames=64 + busy-poll, bursts of 16: 5.50M, met",
                "target >= 2x per-packet + busy-poll with bursts of 16: 1.10x, missed");
        assertThat(ThroughputBenchmark.burstsOf(ThroughputBenchmark.CONFIGS)).containsExactly(4, 16, 64);
    }

    @Test
    void printsTheDefinitionTheRawRateAndEachConfiguration() {
        String text = ThroughputReport.text(result());
        assertThat(text).contains("sustained = every generated packet delivered", "device's lag p90", "<= 100.0 us",
                "4.00M/s on one thread", "coalesce rxFrames=64 + busy-poll", "2.00M", "50%",
                "2.20M (lateness p99 312 us)");
        assertThat(ThroughputReport.targets(result())).containsExactly(
                "target >= 5.00M pps with coalesce rxFrames=64 + busy-poll: 2.00M, missed",
                "target >= 50% of the raw append rate: 50%, met");
    }
}
