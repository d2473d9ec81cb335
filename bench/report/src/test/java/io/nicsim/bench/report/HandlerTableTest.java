package io.nicsim.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.host.cost.HandlerCosts;
import io.nicsim.host.cost.RunCosts;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler's table: a row per run that called a user's handler, its figures and how they were measured. */
class HandlerTableTest {

    private static RunResult run(String consumer, HandlerCosts handler) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("consumer", consumer);
        run.put("policy", "per-packet");
        run.put("costs", new RunCosts(1_000, 0, 0, 0, 0, 0, 0, 10, List.of("t"), Double.NaN, null, handler));
        return new ObjectMapper().convertValue(run, RunResult.class);
    }

    private static Summary summary(RunResult... runs) {
        return new Summary("study", false, new Environment("jdk", 2, "os", "cpu"), List.of(runs), Map.of(),
                "nicsim run");
    }

    @Test
    void aRowPerRunWithItsFiguresAndHowTheyWereMeasured() {
        HandlerCosts probed = new HandlerCosts("com.example.Parse", HandlerCosts.SYNC, 20_000, 5_677, 103_886, 69,
                2_500_000, 1, HandlerCosts.BY_PROBE);
        HandlerCosts timed = new HandlerCosts("com.example.Parse", HandlerCosts.ASYNC, 1_000, 950, 0, Double.NaN,
                Double.NaN, 8, HandlerCosts.BY_RUN);
        List<String> lines = HandlerTable.render(summary(run("busy-poll", probed), run("event-loop", null),
                run("platform-thread", timed))).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("your handler com.example.Parse, per packet:");
        assertThat(lines.get(2).trim().split("\\s{2,}")).containsExactly("busy-poll (sync)", "5.68 us", "103.9 us",
                "69 B", "2.5 MB/s", "the virtual-time probe (20,000 calls)");
        assertThat(lines.get(3).trim().split("\\s{2,}")).containsExactly("platform-thread (async)", "0.95 us",
                "0.00 us", "- B", "- MB/s", "the run (CPU of 1 in 8 calls)");
    }

    @Test
    void emptyWithoutAUserHandler() {
        assertThat(HandlerTable.render(summary(run("busy-poll", null)))).isEmpty();
    }
}
