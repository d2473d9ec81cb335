package io.nicsim.bench.tune;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search whose runs are started ahead on a pool ({@link Trials#parallel}, as {@code tune --clock virtual} runs) makes
 * exactly the runs of the same search made one after another: the same points in the same order, the same numbers
 * and phases (so the same folders), the same figures, the same best; and no run is started ahead in vain.
 */
class ParallelSearchTest {

    private static final Goal FEWEST_INTERRUPTS_UNDER_40_US = new Goal(Metric.INTERRUPTS_PER_SECOND,
            List.of(new Constraint(Metric.P99, Constraint.Operator.LE, 40_000, "p99<=40us")));

    /** Deterministic figures (as a virtual run's), recording which point each run number measured. */
    private static final class Recording implements Evaluator {
        final Map<Integer, String> calls = new ConcurrentHashMap<>();

        @Override
        public Measurement measure(Map<String, String> point, int index, String phase) {
            if (calls.put(index, phase + " " + ParameterSpace.label(point)) != null) {
                throw new AssertionError("run " + index + " made twice");
            }
            int usecs = SyntheticEvaluator.integer(point, "firmware.rxUsecs");
            int frames = SyntheticEvaluator.integer(point, "firmware.rxFrames");
            return new Measurement(Map.of("p99", 1000.0 * (20 + usecs + Math.sin(frames)),
                    "interruptsPerSecond", 20_000 / (1 + usecs / 8.0) * (1 + 16.0 / (frames + 1))),
                    String.format("points/%03d-%s", index, phase));
        }

        @Override
        public String refusal(Map<String, String> point) {
            return "0".equals(point.get("firmware.rxUsecs")) && "0".equals(point.get("firmware.rxFrames"))
                    ? "both 0" : null;
        }
    }

    private record Run(Tuner.Outcome outcome, Recording evaluator, int mispredicted) {
    }

    private static Run tune(ParameterSpace space, int budget, int threads) throws Exception {
        Recording evaluator = new Recording();
        Trials trials = new Trials(evaluator, FEWEST_INTERRUPTS_UNDER_40_US, 0.1, budget, (run, point, t) -> { },
                () -> false);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            if (threads > 1) {
                trials.parallel(pool, threads);
            }
            Tuner.Outcome outcome = Tuner.run(space, TuneSearchTest.START, trials,
                    new Tuner.Settings(budget, 1, 2, 7, 10), line -> { }, evaluator);
            return new Run(outcome, evaluator, trials.mispredicted());
        }
    }

    private static void assertSame(Run parallel, Run sequential) {
        Trials p = parallel.outcome().trials();
        Trials s = sequential.outcome().trials();
        assertThat(p.runs()).isEqualTo(s.runs());
        assertThat(p.points().stream().map(PointRecord::parameters).toList())
                .isEqualTo(s.points().stream().map(PointRecord::parameters).toList());
        assertThat(parallel.evaluator().calls).isEqualTo(sequential.evaluator().calls);
        assertThat(parallel.outcome().best().parameters()).isEqualTo(sequential.outcome().best().parameters());
        assertThat(parallel.outcome().verdict()).isEqualTo(sequential.outcome().verdict());
        assertThat(parallel.mispredicted()).isZero();
    }

    @Test
    void cmaesInParallelMakesTheSequentialSearchsRuns() throws Exception {
        Run sequential = tune(TuneSearchTest.COALESCE, 400, 1);
        Run parallel = tune(TuneSearchTest.COALESCE, 400, 4);
        assertThat(sequential.outcome().trials().used()).isGreaterThan(100);
        assertSame(parallel, sequential);
    }

    @Test
    void anExhaustiveSearchInParallelMakesTheSequentialOnesRuns() throws Exception {
        ParameterSpace small = new ParameterSpace("coalesce", List.of(
                TuneParameter.integer("firmware.rxUsecs", 0, 6, false),
                TuneParameter.integer("firmware.rxFrames", 0, 5, false)));
        Run sequential = tune(small, 60, 1);
        Run parallel = tune(small, 60, 3);
        assertSame(parallel, sequential);
    }
}
