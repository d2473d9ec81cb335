package io.nicsim.bench.perf;

import io.nicsim.bench.perf.ValidationBenchmark.Figures;
import io.nicsim.bench.perf.ValidationBenchmark.ModelFacts;
import io.nicsim.bench.perf.ValidationBenchmark.ModelKind;
import io.nicsim.bench.perf.ValidationBenchmark.Pair;
import io.nicsim.bench.perf.ValidationBenchmark.Result;
import io.nicsim.bench.perf.ValidationBenchmark.Setting;
import io.nicsim.bench.perf.ValidationBenchmark.Study;
import io.nicsim.bench.perf.ValidationReport.Check;
import io.nicsim.bench.perf.ValidationReport.Metric;
import io.nicsim.bench.perf.ValidationReport.Outcome;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/validation.md from fixed results (no runs): verdicts at the targets' edges, tables, summary, the why rules. */
class ValidationReportTest {

    static final Setting PER_PACKET = new Setting("per-packet", 0, 1, 64, 0);
    static final Setting NAPI_8 = new Setting("napi", 0, 1, 8, 0);
    static final Setting SHAPES = new Setting("per-packet", 0, 1, 64, 50_000);

    static final ModelFacts MODEL = new ModelFacts("built-in: test machine", 2, 270, 50_000, 500, Map.of(
            "busy-poll", new ModelKind(0, 0, 0, 550, 50, 0),
            "platform-thread", new ModelKind(8_550, 17_100, 85_500, 550, 1_900, 0),
            "platform-pool", new ModelKind(8_550, 17_100, 85_500, 550, 1_900, 1_000)));

    static Figures figures(long p50, long p90, long p99, double irqs, double cpu, double sleeps, long interrupts) {
        return new Figures(p50, p90, p99, irqs, cpu, sleeps, 600_000, 600_000, 0, interrupts);
    }

    static Result result() {
        Figures paced = figures(10_000, 20_000, 100_000, 200_000, 1_340, 0.2, 600_000);
        List<Pair> pairs = List.of(
                // every target met, at the edges: p50 +15%, p90 -25%, interrupts +5%, CPU -20%
                new Pair(Study.DEFAULT, "", "platform-thread", PER_PACKET, paced,
                        figures(11_500, 15_000, 300_000, 210_000, 1_072, 0.2, 600_000), 0.02),
                // busy-poll: a small gap at the median, its core shared
                new Pair(Study.DEFAULT, "", "busy-poll", PER_PACKET,
                        figures(1_000, 2_000, 9_000, 200_000, 3_000, 0, 600_000),
                        figures(1_600, 2_200, 3_000, 200_000, 5_000, 0, 600_000), 0.5),
                // napi: the real consumer slower (fewer interrupts), a fatter tail, waking less often
                new Pair(Study.NAPI, "budget=8", "platform-thread", NAPI_8,
                        new Figures(20_000, 80_000, 300_000, 50_000, 2_000, 0.25, 600_000, 600_000, 0, 150_000,
                                5_000),
                        figures(12_000, 24_000, 90_000, 80_000, 1_500, 0.40, 240_000), 0.0),
                // a shape with blocking handlers: timer slack, same sleeps but a costlier wake-up
                new Pair(Study.SHAPES, "", "platform-pool", SHAPES,
                        figures(120_000, 160_000, 400_000, 5_000, 10_000, 2.0, 15_000),
                        figures(80_000, 100_000, 110_000, 5_000, 6_000, 2.1, 15_000), 0.0));
        return new Result(new Machine(2, "AMD EPYC", "Eclipse Adoptium 25.0.3", "Linux 6.18 amd64", true),
                ZonedDateTime.of(2026, 12, 5, 19, 0, 0, 0, ZoneOffset.UTC),
                "./nicsim bench validation --markdown docs/validation.md",
                List.of(Study.DEFAULT, Study.NAPI, Study.SHAPES), 1_000_000_000L, 2_000_000_000L, MODEL, pairs,
                200_000_000_000L);
    }

    @Test
    void judgesEachMetricAgainstItsTargetEdgesIncluded() {
        Pair edges = result().pairs().getFirst();
        List<Check> checks = ValidationReport.checks(edges);
        assertThat(checks).extracting(Check::metric).containsExactly(Metric.values());
        assertThat(checks).extracting(Check::outcome).containsExactly(Outcome.MET, Outcome.MET, Outcome.INFO,
                Outcome.MET, Outcome.MET);
        assertThat(checks.getFirst().ratio()).isEqualTo(1.15);
        assertThat(ValidationReport.misses(edges)).isEmpty();

        Pair napi = result().pairs().get(2);
        assertThat(ValidationReport.misses(napi)).extracting(Check::metric)
                .containsExactly(Metric.P50, Metric.P90, Metric.INTERRUPTS, Metric.CPU);
    }

    @Test
    void zeroAgainstZeroIsMetAndAMissingFigureIsNotJudged() {
        Figures none = figures(1_000, 2_000, 3_000, 0, Double.NaN, 0, 0);
        Pair pair = new Pair(Study.DEFAULT, "", "platform-thread", PER_PACKET, none, none, 0);
        List<Check> checks = ValidationReport.checks(pair);
        assertThat(checks.get(Metric.INTERRUPTS.ordinal()).outcome()).isEqualTo(Outcome.MET);
        assertThat(checks.get(Metric.CPU.ordinal()).outcome()).isEqualTo(Outcome.NOT_MEASURED);
    }

    @Test
    void tabulatesEachStudyAndCountsTheTargets() {
        Result r = result();
        String text = ValidationReport.text(r);
        assertThat(text).contains("10.0 / 11.5, 1.15x ok", "20.0 / 15.0, 0.75x ok",
                "100.0 / 300.0, 3.00x", "200k / 210k, 1.05x ok", "1.34 / 1.07, 0.80x ok",
                "budget=8", "20.0 / 12.0, 0.60x MISS");
        assertThat(ValidationReport.totals(r)).containsExactly(7, 16, 0);
        assertThat(ValidationReport.verdict(r)).isEqualTo("7 of 16 targeted comparisons met (44%); 1 of 4 runs met"
                + " every target.");
        assertThat(ValidationReport.summaryTable(r).markdown()).contains(
                "| p50 | within 15% | 1/2 | 0/1 | 0/1 | 1/4 |",
                "| interrupts/s | within 5% | 2/2 | 0/1 | 1/1 | 3/4 |",
                "| p99 | (within 25%, not a target) | 0/2 | 0/1 | 0/1 | 0/4 |");
    }

    @Test
    void theDocumentStatesMachineDateCommandModelTablesAndWhy() {
        String md = ValidationReport.markdown(result());
        assertThat(md).startsWith("# Virtual time against hardware in the loop").contains(
                "- Machine: 2 cores (AMD EPYC, virtual machine), Eclipse Adoptium 25.0.3",
                "- Date: 2026-12-05 19:00 Z",
                "- Command: `./nicsim bench validation --markdown docs/validation.md`",
                "- Host model: built-in: test machine",
                "1s warm-up + 2s measured; 4 paced runs, their twins and their repeats took 3 min 20 s",
                "## Summary", "Other processes used 0.01 cores (median) during the paced runs, and at least 0.10 in 1"
                        + " of 4", "## 1. Default study", "## 2. NAPI budget sweep", "## 3. Consumer shapes",
                "| point | consumer | p50 us | p90 us | p99 us | interrupts/s | CPU/packet us |",
                "| budget=8 | platform-thread | 20.0 / 12.0, 0.60x **miss** |",
                "## Why the misses", "### NAPI budget sweep, budget=8, platform-thread",
                "Missed: p50 (paced 20.0 us, virtual 12.0 us, 0.60x; target within 15%)",
                "## What the model leaves out", "no migration, no time slicing");
        assertThat(md).doesNotContain("### Default study, platform-thread");
    }

    @Test
    void theReasonsComeFromTheNumbers() {
        List<Pair> pairs = result().pairs();
        String busyPoll = String.join("\n", reasons(pairs.get(1)));
        assertThat(busyPoll).contains("The gap at the median is 0.60 us", "the paced thread used 0.60 of that",
                "Other processes used 0.50 cores during the paced run");

        String napi = String.join("\n", reasons(pairs.get(2)));
        assertThat(napi).contains("At the median the real path took 8.00 us more than the model (paced 20.0 us,"
                        + " virtual 12.0 us); the model's medians for platform-thread are 0.27 us of interrupt delivery"
                        + " and 8.55 us of wake-up",
                "Those medians are the calibration's (built-in: test machine), which measures wake-ups at a low rate",
                "A tail the model's distributions do not hold: the paced p90 is 4.0x its p50, the virtual p90 2.0x"
                        + " (the model's wake-up for platform-thread: p90 2.0x its p50, p99 10.0x)",
                "paced 0.250, virtual 0.400 interrupts per delivered packet",
                "The real consumer was slower than the model",
                "The consumer slept 0.25 times per packet in the paced run and 0.40 in the model: the model wakes it"
                        + " more often")
                .contains("p90 of its lag (a descriptor appended after its model time,"
                        + " docs/semantics.md#device-time) was 5.00 us")
                .doesNotContain("Other processes", "Timer slack", "queued behind each other");

        String shape = String.join("\n", reasons(pairs.get(3)));
        assertThat(shape).contains("Timer slack: each packet's handler waits 50.0 us",
                "with a median of 50.0 us", "the median gap is 40.0 us",
                "Sleeps per packet agree (paced 2.00, virtual 2.10)",
                "The paced median is above the virtual p99: in the paced run packets queued",
                "5.00 us of CPU per sleep paced",
                "2.86 us modelled", "handoffNanos 1000", "the model charges 1000 ns per hand-off");
    }

    @Test
    void aMissNoLargerThanThePacedRepeatIsMarkedAndExplained() {
        Figures paced = figures(10_000, 20_000, 100_000, 200_000, 1_340, 0.2, 600_000);
        Figures again = figures(13_000, 20_000, 100_000, 200_000, 1_340, 0.2, 600_000); // the machine moved p50 1.30x
        Figures virtual = figures(12_000, 20_000, 100_000, 200_000, 1_340, 0.2, 600_000); // 1.20x: a miss
        Figures far = figures(14_000, 20_000, 100_000, 200_000, 1_340, 0.2, 600_000); // 1.40x: beyond the repeat
        Pair within = new Pair(Study.DEFAULT, "", "platform-thread", PER_PACKET, paced, virtual, 0, again);
        Pair beyond = new Pair(Study.DEFAULT, "", "platform-thread", PER_PACKET, paced, far, 0, again);

        Check p50 = ValidationReport.checks(within).getFirst();
        assertThat(p50.outcome()).isEqualTo(Outcome.WITHIN_REPEAT);
        assertThat(p50.repeatRatio()).isEqualTo(1.3);
        assertThat(p50.cell(true)).isEqualTo("10.0 / 12.0, 1.20x miss, repeat 1.30x");
        assertThat(ValidationReport.misses(within)).extracting(Check::metric).containsExactly(Metric.P50);
        assertThat(String.join("\n", reasons(within))).contains("The paced run, played again right after its twin,"
                + " moved p50 by 1.30x (10.0 then 13.0): the virtual 1.20x is within this machine's own run-to-run"
                + " variation.");
        assertThat(ValidationReport.checks(beyond).getFirst().outcome()).isEqualTo(Outcome.MISSED);

        Result r = new Result(result().machine(), result().finished(), "cmd", List.of(Study.DEFAULT), 1, 1, MODEL,
                List.of(within, beyond), 1);
        assertThat(ValidationReport.totals(r)).containsExactly(6, 8, 1);
        assertThat(ValidationReport.verdict(r)).endsWith("Of the 2 misses, 1 were no larger than the paced run's own"
                + " move when repeated (marked `(+n)` and 'miss, repeat').");
        assertThat(ValidationReport.summaryTable(r).markdown()).contains("| p50 | within 15% | 0 (+1)/2 | 0 (+1)/2 |");
    }

    private static List<String> reasons(Pair pair) {
        return ValidationWhy.reasons(MODEL, pair, ValidationReport.misses(pair));
    }
}
