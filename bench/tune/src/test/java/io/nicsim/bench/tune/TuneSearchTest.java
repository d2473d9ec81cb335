package io.nicsim.bench.tune;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search on synthetic deterministic objectives with known optima ({@link SyntheticEvaluator}): the optimizer's
 * wiring, rounding, constraints, repeats and the A/B, without timing.
 */
class TuneSearchTest {

    static final ParameterSpace COALESCE = new ParameterSpace("coalesce", List.of(
            TuneParameter.integer("firmware.rxUsecs", 0, 128, false),
            TuneParameter.integer("firmware.rxFrames", 0, 128, true)));
    static final Map<String, String> START = Map.of("firmware.rxUsecs", "50", "firmware.rxFrames", "64");
    private static final Goal LOWEST_P99 = new Goal(Metric.P99, List.of());
    private static final Goal FEWEST_INTERRUPTS_UNDER_40_US = new Goal(Metric.INTERRUPTS_PER_SECOND,
            List.of(new Constraint(Metric.P99, Constraint.Operator.LE, 40_000, "p99<=40us")));

    static Tuner.Outcome tune(ParameterSpace space, Map<String, String> start, Goal goal, Evaluator evaluator,
                              int budget) throws Exception {
        Trials trials = new Trials(evaluator, goal, budget, (run, point, t) -> { }, () -> false);
        return Tuner.run(space, start, trials, new Tuner.Settings(budget, 3, 5, 1), line -> { }, evaluator);
    }

    /** p99 = 20 us + (rxUsecs - 37)^2 us + 30 (ln(rxFrames + 1) - ln 10)^2 us: least at rxUsecs=37, rxFrames=9. */
    private static SyntheticEvaluator bowl() {
        return new SyntheticEvaluator(point -> {
            int usecs = SyntheticEvaluator.integer(point, "firmware.rxUsecs");
            int frames = SyntheticEvaluator.integer(point, "firmware.rxFrames");
            double frameTerm = Math.log(frames + 1) - Math.log(10);
            return Map.of("p99", 1000 * (20 + Math.pow(usecs - 37, 2) + 30 * frameTerm * frameTerm),
                    "interruptsPerSecond", 10_000.0);
        });
    }

    /**
     * p99 = 20 us + rxUsecs us (+ noise); interrupts fall with both keys: under 40 us the best is rxUsecs=20,
     * rxFrames=128.
     */
    private static SyntheticEvaluator latencyAgainstInterrupts(Random noise) {
        return new SyntheticEvaluator(point -> {
            int usecs = SyntheticEvaluator.integer(point, "firmware.rxUsecs");
            int frames = SyntheticEvaluator.integer(point, "firmware.rxFrames");
            double stall = noise != null && noise.nextDouble() < 0.25 ? 2_000 : 0; // a VM pause in 1 run of 4
            return Map.of("p99", 1000.0 * (20 + usecs + stall),
                    "interruptsPerSecond", 20_000 / (1 + usecs / 8.0) * (1 + 16.0 / (frames + 1)));
        });
    }

    @Test
    void findsTheKnownOptimumOfABowl() throws Exception {
        SyntheticEvaluator evaluator = bowl();
        Tuner.Outcome outcome = tune(COALESCE, START, LOWEST_P99, evaluator, 150);

        assertThat(outcome.best().parameters()).isEqualTo(Map.of("firmware.rxUsecs", "37", "firmware.rxFrames", "9"));
        assertThat(outcome.trials().used()).isLessThanOrEqualTo(150);
        assertThat(evaluator.warmedUp).isTrue();
        assertThat(outcome.verdict().outcome()).isEqualTo(Verdict.Outcome.BETTER);
        assertThat(outcome.verdict().sentence()).contains("lower in 5 of 5 interleaved rounds (rank-sum test p=0.004)");
    }

    @Test
    void getsCloseOnASmallBudget() throws Exception {
        Tuner.Outcome outcome = tune(COALESCE, START, LOWEST_P99, bowl(), 40);

        assertThat(outcome.trials().used()).isEqualTo(40);
        // the start scores 294 us; the optimum 20 us
        assertThat(outcome.trials().score(outcome.best())).isLessThan(120_000);
        assertThat(outcome.rounds()).hasSize(5);
    }

    @Test
    void meetsALatencyConstraintAtTheFewestInterrupts() throws Exception {
        Tuner.Outcome outcome = tune(COALESCE, START, FEWEST_INTERRUPTS_UNDER_40_US, latencyAgainstInterrupts(null),
                150);

        assertThat(outcome.best().parameters()).isEqualTo(Map.of("firmware.rxUsecs", "20", "firmware.rxFrames", "128"));
        assertThat(outcome.verdict().outcome()).isEqualTo(Verdict.Outcome.BETTER);
        assertThat(outcome.verdict().met()).isTrue();
        assertThat(outcome.verdict().sentence()).contains("meets every constraint, the start does not")
                .contains("met in 5 of 5 rounds");
    }

    @Test
    void aGuardBandKeepsTheBestInsideTheEdge() throws Exception {
        SyntheticEvaluator evaluator = latencyAgainstInterrupts(null);
        Trials trials = new Trials(evaluator, FEWEST_INTERRUPTS_UNDER_40_US, 0.1, 150, (run, point, t) -> { },
                () -> false);
        Tuner.Outcome outcome = Tuner.run(COALESCE, START, trials, new Tuner.Settings(150, 3, 5, 1, 10), line -> { },
                evaluator);

        // ranked against p99 <= 36 us: rxUsecs=16 at most, where 40 us would allow 20
        assertThat(outcome.best().parameters()).containsEntry("firmware.rxUsecs", "16");
        assertThat(SyntheticEvaluator.integer(outcome.best().parameters(), "firmware.rxFrames")).isGreaterThan(100);
        assertThat(outcome.verdict().sentence()).contains("p99<=40.0us: met in 5 of 5 rounds");
    }

    @Test
    void repeatsPromisingPointsSoOneDisturbedRunDoesNotDecide() throws Exception {
        SyntheticEvaluator evaluator = latencyAgainstInterrupts(new Random(7));
        Tuner.Outcome outcome = tune(COALESCE, START, FEWEST_INTERRUPTS_UNDER_40_US, evaluator, 60);

        assertThat(evaluator.phases).contains("repeat");
        assertThat(outcome.best().n()).isGreaterThanOrEqualTo(3);
        // truly feasible (p99 = 20 + rxUsecs without a stall), whatever single runs said
        assertThat(SyntheticEvaluator.integer(outcome.best().parameters(), "firmware.rxUsecs")).isLessThanOrEqualTo(20);
        assertThat(outcome.trials().used()).isLessThanOrEqualTo(60);
    }

    @Test
    void neverRunsAPointTheSimulatorRefuses() throws Exception {
        // the optimum of this bowl is at rxUsecs=0, rxFrames=0, which coalesce refuses
        SyntheticEvaluator evaluator = new SyntheticEvaluator(point -> Map.of("p99", 1000.0
                * (1 + SyntheticEvaluator.integer(point, "firmware.rxUsecs") + SyntheticEvaluator.integer(point,
                "firmware.rxFrames"))));
        Tuner.Outcome outcome = tune(COALESCE, START, LOWEST_P99, evaluator, 80);

        assertThat(outcome.trials().points()).anyMatch(p -> p.refusal() != null);
        assertThat(outcome.best().refusal()).isNull();
        assertThat(outcome.trials().score(outcome.best())).isLessThanOrEqualTo(4_000);
    }

    @Test
    void searchesASmallSpaceExhaustively() throws Exception {
        ParameterSpace dim = new ParameterSpace("dim", List.of(TuneParameter.choice("firmware.dimMode",
                List.of("eqe", "cqe"))));
        SyntheticEvaluator evaluator = new SyntheticEvaluator(point -> Map.of("p99",
                point.get("firmware.dimMode").equals("cqe") ? 30_000.0 : 60_000.0));
        Tuner.Outcome outcome = tune(dim, Map.of("firmware.dimMode", "eqe"), LOWEST_P99, evaluator, 20);

        assertThat(outcome.optimizer()).startsWith("exhaustive");
        assertThat(outcome.best().parameters()).isEqualTo(Map.of("firmware.dimMode", "cqe"));
        assertThat(outcome.verdict().outcome()).isEqualTo(Verdict.Outcome.BETTER);
    }

    @Test
    void saysSoWhenTheStartIsBest() throws Exception {
        SyntheticEvaluator evaluator = new SyntheticEvaluator(point -> Map.of("p99",
                1000.0 + Math.abs(SyntheticEvaluator.integer(point, "firmware.rxUsecs") - 50)));
        Tuner.Outcome outcome = tune(new ParameterSpace("coalesce", List.of(TuneParameter.integer("firmware.rxUsecs",
                40, 60, false))), Map.of("firmware.rxUsecs", "50"), LOWEST_P99, evaluator, 30);

        assertThat(outcome.verdict().outcome()).isEqualTo(Verdict.Outcome.START_IS_BEST);
        assertThat(outcome.rounds()).isEmpty();
        assertThat(evaluator.phases).doesNotContain("ab-start", "ab-best");
    }

    @Test
    void saysSoWhenNothingMeetsTheConstraints() throws Exception {
        Goal impossible = new Goal(Metric.INTERRUPTS_PER_SECOND, List.of(new Constraint(Metric.P99,
                Constraint.Operator.LE, 10_000, "p99<=10us")));
        Tuner.Outcome outcome = tune(COALESCE, START, impossible, latencyAgainstInterrupts(null), 30);

        assertThat(outcome.verdict().outcome()).isIn(Verdict.Outcome.NOT_MET, Verdict.Outcome.START_IS_BEST);
        assertThat(outcome.verdict().better()).isFalse();
        assertThat(outcome.verdict().met()).isFalse();
    }

    @Test
    void stopsWhenAStopIsRequested() throws Exception {
        SyntheticEvaluator evaluator = bowl();
        int[] runs = {0};
        Trials trials = new Trials(evaluator, LOWEST_P99, 40, (run, point, t) -> runs[0]++, () -> runs[0] >= 7);
        Tuner.Outcome outcome = Tuner.run(COALESCE, START, trials, new Tuner.Settings(40, 3, 5, 1), line -> { },
                evaluator);

        assertThat(outcome.interrupted()).isTrue();
        assertThat(outcome.trials().used()).isEqualTo(7);
        assertThat(outcome.verdict().outcome()).isEqualTo(Verdict.Outcome.NOT_TESTED);
    }

    @Test
    void theSameSeedProposesTheSamePoints() throws Exception {
        SyntheticEvaluator first = bowl();
        SyntheticEvaluator second = bowl();
        Tuner.Outcome a = tune(COALESCE, START, LOWEST_P99, first, 40);
        Tuner.Outcome b = tune(COALESCE, START, LOWEST_P99, second, 40);

        assertThat(b.trials().runs().stream().map(Evaluation::parameters).toList())
                .isEqualTo(a.trials().runs().stream().map(Evaluation::parameters).toList());
    }
}
