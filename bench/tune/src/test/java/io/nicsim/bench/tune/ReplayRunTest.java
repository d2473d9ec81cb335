package io.nicsim.bench.tune;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The A/B's replays run as best.yaml does: at least 5 s of warm-up and 5 s measured, longer settings kept. */
class ReplayRunTest {

    @Test
    void shortRunsAreLengthenedToBestYamlsLength() throws Exception {
        Map<String, Object> replayed = ReplayRun.asReplayed(ScenarioLoader.load(null,
                List.of("run.duration=1s", "run.warmup=200ms")), BestScenario.DEFAULT_REPLAY_NANOS);
        Map<?, ?> run = (Map<?, ?>) replayed.get("run");
        assertThat(run.get("warmup")).isEqualTo("5s");
        assertThat(run.get("duration")).isEqualTo("5s");
    }

    @Test
    void longerRunsAreKept() throws Exception {
        Map<String, Object> replayed = ReplayRun.asReplayed(ScenarioLoader.load(null,
                List.of("run.duration=7s", "run.warmup=6s")), BestScenario.DEFAULT_REPLAY_NANOS);
        assertThat(((Map<?, ?>) replayed.get("run")).get("warmup")).isNotEqualTo("5s");
        assertThat(((Map<?, ?>) replayed.get("run")).get("duration")).isNotEqualTo("5s");
        assertThat(ScenarioLoader.load(null, List.of()).effective()).containsKey("run");
    }

    @Test
    void aReplayLengthReplacesTheDefaultEitherWay() throws Exception {
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=1s", "run.warmup=200ms"));
        Map<?, ?> shorter = (Map<?, ?>) ReplayRun.asReplayed(scenario, 500_000_000L).get("run");
        assertThat(shorter.get("warmup")).isEqualTo("500ms");
        assertThat(shorter.get("duration")).as("longer than asked: kept").isNotEqualTo("500ms");
        Map<?, ?> longer = (Map<?, ?>) ReplayRun.asReplayed(scenario, 30_000_000_000L).get("run");
        assertThat(longer.get("warmup")).isEqualTo("30s");
        assertThat(longer.get("duration")).isEqualTo("30s");
    }
}
