package io.nicsim.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nicsim.bench.cli.NicsimCli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example scenarios users start from (scenarios/): every one validates and runs for 300 ms with balanced
 * accounting, one exists per policy, per consumer kind and per traffic kind, and each explains itself in comments.
 * The udp example's traffic comes from outside, so here it runs with no sender and zero packets.
 */
@Tag("run")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ScenarioExamplesTest {

    private static final Path DIR = Path.of("../scenarios");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void coverEveryPolicyAndConsumerAndTheOverloadCases() throws IOException {
        var names = examples().map(p -> p.getFileName().toString()).toList();
        for (String policy : io.nicsim.firmware.policy.PolicyFactory.NAMES) {
            assertThat(names).contains("policy-" + policy + ".yaml");
        }
        for (String consumer : io.nicsim.host.Consumers.NAMES) {
            assertThat(names).contains("consumer-" + consumer + ".yaml");
        }
        for (String kind : io.nicsim.nic.traffic.TrafficSources.KINDS) {
            if (!io.nicsim.nic.traffic.TrafficSources.RATE_KINDS.contains(kind)) {
                assertThat(names).contains("traffic-" + kind + ".yaml");
            }
        }
        assertThat(names).contains("overload.yaml", "receive-livelock.yaml", "napi-overload.yaml", "nic-link-dma.yaml");
    }

    private static int freeUdpPort() throws IOException {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open()) {
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            return ((java.net.InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validatesAndRunsBriefly(Path file, @TempDir Path dir) throws Exception {
        assertThat(Files.readString(file)).as("explains itself").startsWith("#");
        Scenario scenario = ScenarioLoader.load(file, java.util.List.of());
        boolean live = !io.nicsim.nic.traffic.TrafficSources.isReplayable(scenario.traffic().kind());
        Path out = dir.resolve("run");
        StringWriter stderr = new StringWriter();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", file.toString(), "--duration",
                "300ms", "--set", "run.warmup=100ms", "--set", "run.drainTimeout=20s", "--out", out.toString(),
                // the JIT warm-up round and rounds are StudyRoundsTest's: each scenario here plays one round
                "--set", "run.jitWarmup=0", "--set", "run.rounds=1"));
        if (live) {
            args.addAll(java.util.List.of("--set", "traffic.udpPort=" + freeUdpPort())); // its own port is its user's
        }
        int code = NicsimCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(stderr)).execute(
                args.toArray(String[]::new));

        assertThat(code).as("stderr: %s", stderr).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("runs")).isNotEmpty();
        for (JsonNode run : summary.get("runs")) {
            JsonNode packets = run.get("packets");
            assertThat(packets.get("generated").asLong()).as("generated").isGreaterThanOrEqualTo(live ? 0 : 1)
                    .isEqualTo(packets.get("delivered").asLong() + packets.get("dropped").asLong());
        }
    }
}
