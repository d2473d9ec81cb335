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
                "nicsim bench all --markdown docs/benchmarks.md", jmh, floor, ThroughputReportTest.result(), pacing,
                virtual());

        String md = BenchmarksDocument.markdown(results);

        assertThat(md).startsWith("# nicsim benchmarks").contains("2026-11-26 03:00 Z",
                "2 cores (AMD EPYC, virtual machine), Eclipse Adoptium 25.0.3", "./nicsim bench floor",
                "./nicsim bench throughput", "./nicsim bench pacing", "## JMH micro-costs", "## End-to-end floor",
                "## Throughput", "## Pacing accuracy", "RSS: the Toeplitz hash");
        assertThat(md).contains("| policy decision < 50 ns/op (every policy, both halves) | worst 61.0 ns/op"
                + " (driverDecision napi) | missed |",
                "| record append 0 B/op (with each iteration's queue opening) | worst 0.020 B/op | met |",
                "| floor p50: nicsim (3) <= 1.25x bare transport (1) | 1.20x | met |",
                "| floor p99: nicsim (3) <= 1.5x bare transport (1) | 2.00x | missed |",
                "| that rate >= 50% of the raw append rate | 50% of 4.00M/s | met |",
                "| pacing: device lag p50 < 1.00 us at 100k pps | 0.07 us | met |");
        assertThat(md).contains("## Virtual-time engine (`./nicsim bench virtual`)", "./nicsim bench virtual",
                "| >= 20.0M events/s on one core | 30.0M (per-packet) | met |",
                "| >= 5.00M packets/s with per-packet interrupts | 10.0M | met |",
                "| 0 B per event | worst 0.0000 B/event | met |",
                "| 1 s of 148.8 Mpps (64 B, 100 Gb/s) in < 60 s | 75.0 s | missed |",
                "| heap flat with run length (1s vs 5s) | +0.50 MiB | met |");
    }

    @Test
    void theRepeatabilityRunHasItsSectionAndTargets() {
        RepeatBenchmark.Result repeat = new RepeatBenchmark.Result(
                new RepeatBenchmark.Options(5, 1_000_000_000L, 3_000_000_000L, 3),
                new Machine(2, "AMD EPYC", "JDK 25", "Linux", true), "./nicsim bench repeat",
                List.of(new RepeatBenchmark.Consumer("busy-poll", new long[] {1_000, 1_200, 1_000, 900, 1_000},
                        new long[] {10_000, 30_000, 12_000, 11_000, 10_000}, 1_050)), 0, 60_000_000_000L);
        BenchmarksDocument.Results results = new BenchmarksDocument.Results(
                new Machine(2, "AMD EPYC", "Eclipse Adoptium 25.0.3", "Linux 6.18 amd64", true),
                ZonedDateTime.of(2026, 11, 26, 3, 0, 0, 0, ZoneOffset.UTC), "nicsim bench all", List.of(), null, null,
                null, null, repeat);
        String md = BenchmarksDocument.markdown(results);
        assertThat(md).contains("## Repeatability (`./nicsim bench repeat`)", "./nicsim bench repeat",
                "| repeat: every consumer's p50 within 10% over 5 default studies | worst 20% | missed |",
                "| repeat: every consumer's p99 within a factor 2 | worst 3.0x | missed |");
    }

    /** Per-packet at 30M events/s (10M packets/s), line rate 2x slower than real time: one second in 75 s. */
    private static VirtualBenchmark.Result virtual() {
        long second = 1_000_000_000L;
        VirtualBenchmark.Round perPacket = new VirtualBenchmark.Round("per-packet", second / 5, 6_000_000, 2_000_000,
                2_000_000, second / 5, 0);
        VirtualBenchmark.Round coalesce = new VirtualBenchmark.Round("coalesce", second / 5, 4_000_000, 2_000_000,
                31_250, second / 10, 0);
        VirtualBenchmark.Round first = new VirtualBenchmark.Round("coalesce", second, 300_000_000, 148_809_523,
                2_325_148, 75 * second, 0);
        VirtualBenchmark.Round whole = new VirtualBenchmark.Round("coalesce", 5 * second, 1_500_000_000, 744_047_619,
                11_625_744, 375 * second, 0);
        VirtualBenchmark.LineRate lineRate = new VirtualBenchmark.LineRate(first, whole, 6 << 20,
                (6 << 20) + (1 << 19));
        return new VirtualBenchmark.Result(new VirtualBenchmark.Options(second / 5, 1, second, 5 * second),
                List.of(perPacket, coalesce), lineRate, 0);
    }
}
