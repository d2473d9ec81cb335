package io.nicsim.bench.cluster;

import io.nicsim.bench.run.RunOptions;
import io.nicsim.bench.run.StopSignal;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.bench.tune.Constraint;
import io.nicsim.bench.tune.Evaluation;
import io.nicsim.bench.tune.Evaluator;
import io.nicsim.bench.tune.Goal;
import io.nicsim.bench.tune.Measurement;
import io.nicsim.bench.tune.Metric;
import io.nicsim.bench.tune.ParameterSpace;
import io.nicsim.bench.tune.RunEvaluator;
import io.nicsim.bench.tune.ScenarioSource;
import io.nicsim.bench.tune.Trials;
import io.nicsim.bench.tune.TuneParameter;
import io.nicsim.bench.tune.Tuner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tune whose search runs on the cluster ({@link ClusterEvaluator}, runs started ahead on many slots) makes the runs a
 * local tune makes: the same points, numbers, phases, folders and, in virtual time, the same figures; the A/B stays
 * with the local evaluator; cluster.json lists the runs sent out.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterEvaluatorTest {

    private static final Goal GOAL = new Goal(Metric.INTERRUPTS_PER_SECOND,
            List.of(new Constraint(Metric.P99, Constraint.Operator.LE, 60_000, "p99<=60us")));
    private static final ParameterSpace SPACE = new ParameterSpace("coalesce", List.of(
            TuneParameter.integer("firmware.rxUsecs", 8, 12, false)));
    private static final Map<String, String> START = Map.of("firmware.rxUsecs", "8");
    private static final int BUDGET = 8;

    @TempDir
    Path dir;

    private static final ScenarioSource SOURCE = (flag, values) -> {
        List<String> overrides = new ArrayList<>(Fixtures.SHORT);
        overrides.add("firmware.policy=coalesce");
        overrides.add("host.consumer=platform-thread");
        values.forEach((k, v) -> overrides.add(k + "=" + v));
        return ScenarioLoader.load(Fixtures.scenarioFile(), overrides);
    };

    /** The A/B's rounds: figures made up here (a local replay needs nicsim's command line). */
    private record AbHere(Evaluator search) implements Evaluator {
        @Override
        public Measurement measure(Map<String, String> point, int index, String phase) throws Exception {
            return RunEvaluator.isAb(phase) ? new Measurement(Map.of("p99", 1000.0, "interruptsPerSecond",
                    phase.equals("ab-best") ? 10.0 : 20.0), "") : search.measure(point, index, phase);
        }

        @Override
        public String refusal(Map<String, String> point) {
            return search.refusal(point);
        }
    }

    private static List<Evaluation> tune(Evaluator evaluator, int threads) throws Exception {
        Trials trials = new Trials(evaluator, GOAL, 0, BUDGET, (run, point, t) -> { }, () -> false);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            if (threads > 1) {
                trials.parallel(pool, threads);
            }
            Tuner.run(SPACE, START, trials, new Tuner.Settings(BUDGET, 1, 1, 1), line -> { }, evaluator);
        }
        return trials.runs();
    }

    @Test
    void aTuneOnTheClusterMakesTheRunsOfALocalOne() throws Exception {
        RunEvaluator local = new RunEvaluator(SOURCE, dir.resolve("local"), "nicsim tune test",
                new LinkedHashSet<>(GOAL.metrics()), SystemNanoClock.INSTANCE, RunOptions.defaults(), true);
        List<Evaluation> expected = tune(new AbHere(local), 1);
        ClusterEvaluator cluster;
        List<Evaluation> runs;
        try (LocalDispatcher dispatcher = new LocalDispatcher(dir.resolve("scratch"), 3, DispatchListener.NONE)) {
            cluster = new ClusterEvaluator(dispatcher, new AbHere(local), SOURCE, dir.resolve("cluster"),
                    "nicsim tune test", new LinkedHashSet<>(GOAL.metrics()), true, List.of(), new StopSignal(),
                    "test-host");
            runs = tune(cluster, dispatcher.slots(true));
            assertThat(dispatcher.submitted()).allMatch(WorkItem::virtual)
                    .extracting(WorkItem::folder).doesNotHaveDuplicates().allMatch(f -> !f.contains("ab-"));
        }
        assertThat(runs).isEqualTo(expected);
        assertThat(runs).extracting(Evaluation::folder).contains("points/001-start", "points/002-search");
        assertThat(dir.resolve("cluster/points/002-search/summary.json")).exists();
        ClusterRecord record = ClusterRecord.read(dir.resolve("cluster").resolve(ClusterRecord.FILE_NAME));
        assertThat(record.study()).isEqualTo("tune");
        assertThat(record.items()).extracting(ClusterRecord.Item::folder).startsWith("points/001-start",
                "points/002-search");
        assertThat(record.items()).extracting(ClusterRecord.Item::status).containsOnly("done");
    }
}
