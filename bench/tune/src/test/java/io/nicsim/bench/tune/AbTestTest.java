package io.nicsim.bench.tune;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The A/B's verdict from given rounds, the sign test, spreads and the Pareto front. */
class AbTestTest {

    private static final Goal FEWEST_INTERRUPTS_UNDER_40_US = new Goal(Metric.INTERRUPTS_PER_SECOND,
            List.of(new Constraint(Metric.P99, Constraint.Operator.LE, 40_000, "p99<=40us")));

    private static List<AbRound> rounds(double[] startP99, double[] startIrqs, double[] bestP99, double[] bestIrqs) {
        List<AbRound> rounds = new ArrayList<>();
        for (int i = 0; i < startP99.length; i++) {
            rounds.add(new AbRound(i + 1, i % 2 == 0, Map.of("p99", startP99[i], "interruptsPerSecond", startIrqs[i]),
                    Map.of("p99", bestP99[i], "interruptsPerSecond", bestIrqs[i])));
        }
        return rounds;
    }

    @Test
    void rankSumTest() {
        List<Double> low = List.of(1.0, 2.0, 3.0, 4.0, 5.0);
        List<Double> high = List.of(6.0, 7.0, 8.0, 9.0, 10.0);
        assertThat(AbTest.rankSumP(low, high)).isCloseTo(1.0 / 252, within(1e-12));
        assertThat(AbTest.rankSumP(high, low)).isEqualTo(1.0);
        // one of five beats none: 20 of 25 pairs; P(U >= 20) = P(U <= 5) = (1+1+2+3+5+7)/252
        assertThat(AbTest.rankSumP(List.of(1.0, 2.0, 3.0, 4.0, 99.0), high)).isCloseTo(19.0 / 252, within(1e-12));
        // six rounds, one disturbed run of the best: 30 of 36 pairs; (1+1+2+3+5+7+11)/924
        assertThat(AbTest.rankSumP(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 99.0), List.of(6.0, 7.0, 8.0, 9.0, 10.0, 11.0)))
                .isCloseTo(30.0 / 924, within(1e-12));
        assertThat(AbTest.rankSumP(List.of(1.0, 1.0), List.of(1.0, 1.0))).as("ties never look better")
                .isGreaterThan(0.5);
        assertThat(AbTest.rankSumP(List.of(), high)).isEqualTo(1.0);
    }

    @Test
    void meetingTheConstraintWhereTheStartDoesNotIsBetter() {
        List<AbRound> rounds = rounds(new double[] {70e3, 72e3, 900e3, 71e3, 69e3},
                new double[] {9e3, 9e3, 9e3, 9e3, 9e3}, new double[] {31e3, 35e3, 800e3, 30e3, 33e3},
                new double[] {19e3, 19e3, 19e3, 19e3, 19e3});
        Verdict verdict = AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, rounds, 5);
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.BETTER);
        assertThat(verdict.sentence()).contains("meets every constraint, the start does not")
                .contains("p99 33.0 us (30.0..800.0, n=5) against 71.0 us (69.0..900.0, n=5)")
                .contains("met in 4 of 5 rounds");
    }

    @Test
    void aLowerObjectiveNeedsEnoughRounds() {
        double[] p99 = {30e3, 30e3, 30e3, 30e3, 30e3};
        List<AbRound> allFive = rounds(p99, new double[] {20e3, 21e3, 20e3, 22e3, 20e3}, p99,
                new double[] {15e3, 16e3, 15e3, 15e3, 17e3});
        assertThat(AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, allFive, 5).outcome())
                .isEqualTo(Verdict.Outcome.BETTER);
        assertThat(AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, allFive, 5).sentence())
                .contains("lower in 5 of 5 interleaved rounds (rank-sum test p=0.004)");

        List<AbRound> fourOfFive = rounds(p99, new double[] {20e3, 21e3, 20e3, 22e3, 14e3}, p99,
                new double[] {15e3, 16e3, 15e3, 15e3, 17e3});
        assertThat(AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, fourOfFive, 5).outcome())
                .isEqualTo(Verdict.Outcome.NOT_SHOWN_BETTER);

        List<AbRound> worse = rounds(p99, new double[] {15e3, 15e3, 15e3, 15e3, 15e3}, p99,
                new double[] {16e3, 16e3, 16e3, 16e3, 16e3});
        assertThat(AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, worse, 5).outcome())
                .isEqualTo(Verdict.Outcome.NOT_BETTER);
    }

    @Test
    void missingTheConstraintIsNeverSuccess() {
        List<AbRound> rounds = rounds(new double[] {70e3, 70e3, 70e3}, new double[] {9e3, 9e3, 9e3},
                new double[] {45e3, 39e3, 41e3}, new double[] {8e3, 8e3, 8e3});
        Verdict verdict = AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, rounds, 3);
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.NOT_MET);
        assertThat(verdict.better()).isFalse();
        assertThat(verdict.sentence()).startsWith("no setting met the constraints").contains("met in 1 of 3 rounds");
    }

    @Test
    void halfTheRoundsIsNotEnoughToMeetAConstraint() {
        // the median of 6 (the mean of the middle two) meets 40 us, but only 3 of the 6 runs do
        List<AbRound> rounds = rounds(new double[] {70e3, 70e3, 70e3, 70e3, 70e3, 70e3},
                new double[] {9e3, 9e3, 9e3, 9e3, 9e3, 9e3}, new double[] {30e3, 31e3, 32e3, 45e3, 900e3, 950e3},
                new double[] {8e3, 8e3, 8e3, 8e3, 8e3, 8e3});
        Verdict verdict = AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, rounds, 6);
        assertThat(verdict.outcome()).isEqualTo(Verdict.Outcome.NOT_MET);
        assertThat(verdict.sentence()).contains("met in 3 of 6 rounds");
    }

    @Test
    void anUnfinishedAbIsNotTested() {
        List<AbRound> rounds = rounds(new double[] {70e3}, new double[] {9e3}, new double[] {30e3}, new double[] {8e3});
        assertThat(AbTest.decide(FEWEST_INTERRUPTS_UNDER_40_US, rounds, 5).outcome())
                .isEqualTo(Verdict.Outcome.NOT_TESTED);
    }

    @Test
    void spreadIsTheMedianAndRange() {
        Spread spread = Spread.of(List.of(3.0, 1.0, 100.0, Double.NaN));
        assertThat(spread).isEqualTo(new Spread(3.0, 1.0, 100.0, 3));
        assertThat(Spread.of(List.of(1.0, 2.0)).median()).isEqualTo(1.5);
        assertThat(Spread.of(List.of()).n()).isZero();
        assertThat(new Spread(38_200, 35_100, 41_000, 3).format(Metric.P99)).isEqualTo("38.2 us (35.1..41.0, n=3)");
    }

    @Test
    void theParetoFrontKeepsWhatNothingBeatsOnBoth() {
        List<ParetoFront.Entry> entries = List.of(new ParetoFront.Entry(1, 70, 9_000),
                new ParetoFront.Entry(2, 30, 20_000), new ParetoFront.Entry(3, 40, 20_000),
                new ParetoFront.Entry(4, 50, 12_000), new ParetoFront.Entry(5, 80, 10_000),
                new ParetoFront.Entry(6, Double.NaN, 1));
        assertThat(ParetoFront.of(entries).stream().map(ParetoFront.Entry::point).toList()).containsExactly(1, 4, 2);
        assertThat(ParetoFront.Axes.of(FEWEST_INTERRUPTS_UNDER_40_US))
                .isEqualTo(new ParetoFront.Axes(Metric.P99, Metric.INTERRUPTS_PER_SECOND));
        assertThat(ParetoFront.Axes.of(new Goal(Metric.CPU_PER_PACKET, List.of())))
                .isEqualTo(new ParetoFront.Axes(Metric.P99, Metric.CPU_PER_PACKET));
    }
}
