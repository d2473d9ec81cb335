package io.nicsim.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nicsim run} with no scenario: the four-consumer default study, its table and its summary.json. */
@Tag("run")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunCommandTest {

    @Test
    void defaultStudyRunsAllFourConsumersAndWritesTheSummaryContract(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("study");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = NicsimCli.commandLine(new PrintWriter(stdout), new PrintWriter(stderr)).execute(
                "run", "--duration", "200ms", "--set", "run.warmup=100ms", "--set", "run.drainTimeout=20s",
                "--out", out.toString());

        assertThat(code).as("stderr: %s", stderr).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("scenario").asText()).isEqualTo("default-study");
        assertThat(summary.get("interrupted").asBoolean()).isFalse();
        assertThat(summary.get("environment").get("cores").asInt()).isPositive();
        List<String> consumers = new ArrayList<>();
        for (JsonNode run : summary.get("runs")) {
            consumers.add(run.get("consumer").asText());
            JsonNode packets = run.get("packets");
            assertThat(packets.get("generated").asLong())
                    .isEqualTo(packets.get("delivered").asLong() + packets.get("dropped").asLong());
            JsonNode latency = run.get("latencyNanos").get("notification");
            assertThat(latency.get("p50").asLong()).isPositive();
            assertThat(latency.get("min").asLong()).isLessThanOrEqualTo(latency.get("p50").asLong());
            assertThat(latency.get("p99").asLong()).isLessThanOrEqualTo(latency.get("max").asLong());
            assertThat(Files.isDirectory(Path.of(run.get("journal").asText()).resolve("descriptors"))).isTrue();
            assertThat(run.get("placement").get("threads")).isNotEmpty();
        }
        assertThat(consumers).containsExactly("busy-poll", "platform-thread", "virtual-thread", "event-loop");
        assertThat(stdout.toString()).contains("p99.9 us").contains("busy-poll").contains("event-loop");
        assertThat(Files.exists(out.resolve(".nicsim-run"))).isTrue();
        assertThat(Files.exists(out.resolve("summary.json.tmp"))).isFalse();
    }

    @Test
    void runsAScenarioFileForOneConsumer(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("coalesce-demo.yaml");
        Files.writeString(scenario, """
                # a small coalescing run
                traffic:
                  kind: constant
                  ratePerSecond: 10kpps
                firmware:
                  policy: coalesce
                  rxUsecs: 0
                  rxFrames: 4
                host:
                  consumer: virtual-thread
                run:
                  duration: 200ms
                  warmup: 0s
                  rounds: 1
                  jitWarmup: 0s
                """);
        Path out = dir.resolve("out");
        int code = NicsimCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .execute("run", scenario.toString(), "--out", out.toString());

        assertThat(code).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("scenario").asText()).isEqualTo("coalesce-demo");
        assertThat(summary.get("runs")).hasSize(1);
        JsonNode run = summary.get("runs").get(0);
        assertThat(run.get("consumer").asText()).isEqualTo("virtual-thread");
        assertThat(run.get("policy").asText()).isEqualTo("coalesce");
        // constant 10 kpps for 200 ms: a packet every 100 us from 0 to 199,900 us, 2,000 in all; one interrupt per 4
        assertThat(run.get("packets").get("generated").asLong()).isEqualTo(2_000);
        assertThat(run.get("interrupts").asLong()).isEqualTo(500);
        assertThat(summary.get("effectiveScenario").get("firmware").get("rxFrames").asInt()).isEqualTo(4);
    }
}
