package io.nicsim.bench.perf;


import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/benchmarks.md from synthetic results: machine, commands, every target judged, every section. */
class BenchmarksDocumentTest {

    @Test
    void statesTheMachineTheCommandsAndEveryTarget() {
        FloorBenchmark.Result floor = new FloorBenchmark.Result(
                new FloorBenchmark.Options(new Pacing("poisson", 200_000, 1, 1, 1), 1, 1),
                List.of(new FloorBenchmark.Round(1, List.of(
                        new FloorBenchmark.VariantRun(FloorBenchmark.BARE,
                                new LatencyFigures(1, 400, 500, 1_000, 2_000, 3_000), 1, 1, 0, 0, 0),
                        new FloorBenchmark.VariantRun(FloorBenchmark.SPIN,
                                new LatencyFigures(1, 100, 200, 300, 400, 500), 1, 1, 0, 0, 0),
                        new FloorBenchmark.VariantRun(FloorBenchmark.NICSIM,
                                new LatencyFigures(1, 480, 600, 2_000, 3_000, 4_000), 1, 1, 0, 0, 0)))),
                "page faults: fine");
        PacingBenchmark.Result pacing = new PacingBenchmark.Result(
                new PacingBenchmark.Options("poisson", List.of(100_000.0), 1, 1, 1),
                List.of(new PacingBenchmark.RateResult(100_000, new LatencyFigures(1, 70, 100, 900, 1_000, 2_000), 1, 1,
                        1, true, 0, 0)));
        List<MicroBenchmarks.Row> jmh = List.of(
                new MicroBenchmarks.Row("PolicyDecisionBenchmark.deviceDecision", "dim", 12.5, 0.4, 0.0, 0),
                new MicroBenchmarks.Row("PolicyDecisionBenchmark.driverDecision", "napi", 61.0, 1.0, 0.0, 0),
                new MicroBenchmarks.Row("RecordAppendBenchmark.descriptorAppend", "", 190, 10, 0.02, 0));
        BenchmarksDocument.Results results = new BenchmarksDocument.Results(
                new Machine(2, "AMD EPYC", "Eclipse Adoptium 25.0.3", "Linux 6.18 amd64", true),
                ZonedDateTime.of(2026, 11, 26, 3, 0, 0, 0, ZoneOffset.UTC),
                "nicsim bench all --markdown docs/benchmarks.md", jmh, floor, ThroughputReportTest.result(), pacing, null);

        String md = BenchmarksDocument.markdown(results);

        assertThat(md).startsWith("# nicsim benchmarks").contains("2026-11-26 03:00 Z",
                "2 cores (AMD EPYC, virtual machine), Eclipse Adoptium 25.0.3", "./nicsim bench floor",
                "./nicsim bench throughput", "./nicsim bench pacing", "## JMH micro-costs", "## End-to-end floor",
                "## Throughput", "## Pacing accuracy", "RSS: the Toeplitz hash");
        assertThat(md).contains("| policy decision < 50 ns/op (every policy, both halves) | worst 61.0 ns/op"
                + " (driverDecision napi) | missed |",
                "| record append 0 B/op | worst 0.020 B/op | met |",
                "| floor p50: nicsim (3) <= 1.25x bare transport (1) | 1.20x | met |",
                "| floor p99: nicsim (3) <= 1.5x bare transport (1) | 2.00x | missed |",
                "| that rate >= 50% of the raw append rate | 50% of 4.00M/s | met |",
                "| pacing lateness p50 < 1.00 us at 100k pps | 0.07 us | met |");
    }
}
