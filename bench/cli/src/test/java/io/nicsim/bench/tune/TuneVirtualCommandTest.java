package io.nicsim.bench.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.cli.NicsimCli;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tune --clock virtual}, small: the start and the search run in virtual time, one run per point, then the A/B
 * confirms the best found paced (its rounds' summaries say so); the report and the terminal show predicted (virtual)
 * against measured (paced) figures; best.yaml is paced. The paced replays skip the JIT warm-up round and the memory
 * probe, which would take longer than they do.
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TuneVirtualCommandTest {

    @TempDir
    Path dir;

    private static String clock(Path runDir) throws Exception {
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        return summary.get("runs").get(0).get("clock").asText();
    }

    @Test
    void searchesInVirtualTimeAndConfirmsPaced() throws Exception {
        Path tune = dir.resolve("tune");
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        int code = NicsimCli.commandLine(new PrintWriter(outText), new PrintWriter(errText)).execute("tune",
                "--set", "firmware.policy=coalesce", "--set", "host.consumer=platform-thread",
                "--set", "traffic.ratePerSecond=20kpps", "--set", "firmware.rxUsecs=50",
                "--set", "firmware.rxFrames=64", "--set", "run.warmup=20ms", "--duration", "100ms",
                "--clock", "virtual", "--objective", "interruptsPerSecond", "--constraint", "p90<=45us",
                "--budget", "30", "--ab-rounds", "1", "--replay-length", "500ms", "--set", "run.jitWarmup=0",
                "--set", "run.memoryProbeWaiters=0", "--out", tune.toString());
        String out = outText.toString();
        assertThat(code).as("stderr: %s", errText).isZero();
        TuneResult result = TuneResult.read(tune.resolve("tune.json"));
        assertThat(result.virtualSearch()).isTrue();
        assertThat(result.repeats()).as("a deterministic run needs no repeats").isEqualTo(1);
        assertThat(result.bestPoint()).as("the start misses p90<=45us at rx-usecs 50").isNotEqualTo(1);
        assertThat(result.ab()).hasSize(1);
        for (Evaluation run : result.runs()) {
            String expected = run.phase().startsWith("ab-") ? "paced" : "virtual";
            assertThat(clock(tune.resolve(run.folder()))).as(run.folder()).isEqualTo(expected);
        }
        assertThat(result.runs().stream().filter(r -> !r.phase().startsWith("ab-")).map(Evaluation::point)
                .toList()).as("one run per point").doesNotHaveDuplicates();

        Scenario best = ScenarioLoader.load(tune.resolve("best.yaml"), List.of());
        assertThat(best.run().virtual()).as("best.yaml is paced").isFalse();
        assertThat(out).contains("virtual time: the start and the search run with run.clock=virtual")
                .contains("predicted (virtual time, the search's runs) against measured (paced")
                .contains("start predicted", "start measured", "predicted", "measured");
        assertThat(Files.readString(tune.resolve("report.html")))
                .contains("Predicted (virtual time) against measured (paced)").contains("start predicted");
    }
}
