package io.nicsim.bench.perf;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The floor report on a synthetic result: medians of rounds, per-round ratios, targets, the rotation of variants. */
class FloorReportTest {

    private static FloorBenchmark.VariantRun run(String variant, long p50, long p99) {
        return new FloorBenchmark.VariantRun(variant, new LatencyFigures(1_000, p50, p50 * 2, p99, p99 * 2, p99 * 3),
                1_000, 1_000, 0.01, 0, 0);
    }

    private static FloorBenchmark.Round round(int number, long bareP50, long nicsimP50, long bareP99, long nicsimP99) {
        return new FloorBenchmark.Round(number, List.of(run(FloorBenchmark.BARE, bareP50, bareP99),
                run(FloorBenchmark.SPIN, 100, 1_000), run(FloorBenchmark.NICSIM, nicsimP50, nicsimP99)));
    }

    private static FloorBenchmark.Result result() {
        Pacing pacing = new Pacing("poisson", 200_000, 1, 300_000_000L, 1_000_000_000L);
        // ratios p50: 1.1, 1.2, 1.5; p99: 2.0, 1.0, 1.4
        return new FloorBenchmark.Result(new FloorBenchmark.Options(pacing, 3, 1), List.of(
                round(1, 1_000, 1_100, 10_000, 20_000),
                round(2, 400, 480, 20_000, 20_000),
                round(3, 400, 600, 50_000, 70_000)), "page faults: fine");
    }

    @Test
    void ratiosAreTakenWithinEachRoundThenTheirMedian() {
        assertThat(FloorReport.ratios(result(), FloorBenchmark.NICSIM, FloorBenchmark.BARE, "p50"))
                .containsExactly(1.1, 1.2, 1.5);
        assertThat(FloorReport.ratioCell(FloorReport.ratios(result(), FloorBenchmark.NICSIM, FloorBenchmark.BARE,
                "p99"))) .isEqualTo("1.40x (1.00x-2.00x)");
    }

    @Test
    void figuresAreMediansOverRounds() {
        assertThat(FloorReport.medianFigure(result(), FloorBenchmark.BARE, "p50")).isEqualTo(400);
        assertThat(FloorReport.medianFigure(result(), FloorBenchmark.NICSIM, "p99")).isEqualTo(20_000);
    }

    @Test
    void judgesTheTargetsOnTheMedianRatios() {
        assertThat(FloorReport.targets(result())).containsExactly(
                "target p50 of (3) <= 1.25x (1): 1.20x, met",
                "target p99 of (3) <= 1.5x (1): 1.40x, met");
    }

    @Test
    void printsEveryVariantBothRatiosAndEveryRound() {
        String text = FloorReport.text(result());
        assertThat(text).contains("(1) bare transport", "(2) spin hand-off", "(3) nicsim", "ratio 3/1", "ratio 3/2",
                "coordinated-omission safe");
        assertThat(text.lines().filter(line -> line.matches("^[123] .*"))).hasSize(3);
        assertThat(FloorReport.markdown(result())).contains("| (3) nicsim |", "- target p50");
    }

    @Test
    void rotatesTheOrderOfTheVariantsEachRound() {
        assertThat(FloorBenchmark.order(0)).containsExactly(FloorBenchmark.BARE, FloorBenchmark.SPIN,
                FloorBenchmark.NICSIM);
        assertThat(FloorBenchmark.order(1)).containsExactly(FloorBenchmark.SPIN, FloorBenchmark.NICSIM,
                FloorBenchmark.BARE);
        assertThat(FloorBenchmark.order(2)).containsExactly(FloorBenchmark.NICSIM, FloorBenchmark.BARE,
                FloorBenchmark.SPIN);
    }
}
