package io.nicsim.bench.report;

import io.nicsim.bench.results.PlacementReport;

import io.nicsim.bench.results.Environment;
import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.results.Summary;
import io.nicsim.bench.results.SummaryWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins summary.json: SummaryWriter write/read round trip and the contract keys other tools read. */
class SummaryJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LATENCY_KEYS =
            List.of("count", "min", "p50", "p90", "p99", "p999", "max", "mean");

    @TempDir
    Path dir;

    private static RunResult run(String consumer, String policy, long generated, long dropped, long interrupts,
                                 long p50) {
        Map<String, Object> firmware = new LinkedHashMap<>();
        firmware.put("policy", policy);
        firmware.put("rxUsecs", 50L);
        firmware.put("rxFrames", 64);
        firmware.put("pollIntervalNanos", 0L);
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("kind", "poisson");
        traffic.put("ratePerSecond", 200_000.0);
        traffic.put("seed", 1L);
        RunResult.PacketCounts packets = new RunResult.PacketCounts(generated, generated - dropped, dropped,
                dropped == 0 ? Map.of() : Map.of("stopped-in-mac", 1L, "stranded-in-ring", dropped - 1),
                generated - dropped - 10);
        RunResult.Latency latency = new RunResult.Latency(
                new LatencySummary(generated - dropped, 900, p50, p50 * 2, p50 * 5, p50 * 10, p50 * 100, p50 * 1.25),
                new LatencySummary(generated - dropped, 800, p50 - 100, p50 * 2 - 100, p50 * 4, p50 * 8, p50 * 90,
                        1_234.5),
                Map.of("hold", new LatencySummary(generated - dropped, 0, p50 / 2, p50, p50 * 2, p50 * 4, p50 * 8,
                        1.5)));
        PlacementReport placement = new PlacementReport("shared", List.of(
                new PlacementReport.ThreadPlacement("nicsim-device", List.of("device", "interrupt-path"), "busy-spin",
                        1, null),
                PlacementReport.ThreadPlacement.unpinned("nicsim-" + consumer, List.of(consumer), "parks",
                        "virtual threads run on carriers")),
                new PlacementReport.Pinning("auto", true, null));
        return new RunResult(new RunResult.What(consumer, null, policy, null, null),
                new RunResult.Setup(firmware, traffic, null, placement),
                new RunResult.Counts(packets, interrupts, interrupts - 1, 0, null),
                new RunResult.Latencies(latency, null, null),
                new RunResult.Window(0, 1_000_000_000L, 5_000_000_000L, false), null,
                new RunResult.Output(null, null));
    }

    private static Summary summary() throws Exception {
        return new Summary("default-study", false, Environment.current(), List.of(
                run("busy-poll", "per-packet", 1_000_000, 0, 1_000_000, 1_500),
                run("event-loop", "coalesce", 999_999, 3, 31_250, 52_000)),
                ScenarioLoader.load(null, List.of()).effective(), "nicsim run --duration 5s");
    }

    @Test
    void writeThenReadRoundTrips() throws Exception {
        Summary original = summary();
        Path file = SummaryWriter.write(original, dir);
        assertThat(file).isEqualTo(dir.resolve(SummaryWriter.FILE_NAME)).exists();
        assertThat(dir.resolve(SummaryWriter.FILE_NAME + ".tmp")).doesNotExist();

        Summary read = SummaryWriter.read(file);

        assertThat(read.scenario()).isEqualTo(original.scenario());
        assertThat(read.interrupted()).isEqualTo(original.interrupted());
        assertThat(read.environment()).isEqualTo(original.environment());
        assertThat(read.command()).isEqualTo(original.command());
        assertThat(read.runs()).hasSameSizeAs(original.runs());
        for (int i = 0; i < original.runs().size(); i++) {
            RunResult want = original.runs().get(i);
            RunResult got = read.runs().get(i);
            assertThat(got.consumer()).isEqualTo(want.consumer());
            assertThat(got.policy()).isEqualTo(want.policy());
            assertThat(got.packets()).isEqualTo(want.packets());
            assertThat(got.interrupts()).isEqualTo(want.interrupts());
            assertThat(got.interruptsDelivered()).isEqualTo(want.interruptsDelivered());
            assertThat(got.latencyNanos()).isEqualTo(want.latencyNanos());
            assertThat(got.placement()).isEqualTo(want.placement());
            assertThat(got.measuredNanos()).isEqualTo(want.measuredNanos());
            assertThat(got.warmupNanos()).isEqualTo(want.warmupNanos());
        }
        // the untyped maps (firmware, traffic, effectiveScenario) come back as the same JSON
        assertThat(JSON.writeValueAsString(read)).isEqualTo(JSON.writeValueAsString(original));

        // writing what was read gives the same file, replacing the old one
        String first = Files.readString(file);
        SummaryWriter.write(read, dir);
        assertThat(Files.readString(file)).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(SummaryWriter.FILE_NAME);
        }
    }

    @Test
    void aUsersHandlerRoundTripsWithItsCostsAndWhatWentWrongAndTheModelWritesNone() throws Exception {
        io.nicsim.host.cost.HandlerCosts costs = new io.nicsim.host.cost.HandlerCosts("com.example.Parser", "sync",
                1_000, 850.5, 120.25, 64.0, 128_000.0, 32, io.nicsim.host.cost.HandlerCosts.BY_RUN);
        io.nicsim.bench.results.HandlerReport report = new io.nicsim.bench.results.HandlerReport(
                "com.example.Parser", "sync", 100, "IllegalStateException: bad header", 1,
                List.of("nicsim-platform-thread at com.example.Parser.handle(Parser.java:42)"), null);
        RunResult user = run("platform-thread", "per-packet", 1_000, 101, 1_000, 2_000)
                .withCosts(new io.nicsim.host.cost.RunCosts(1, 0, 0, 0, 2, 0, 0, 1_000, List.of("nicsim-x"))
                        .withHandler(costs))
                .withHandler(report);
        Summary original = new Summary("handler", false, Environment.current(), List.of(user,
                run("busy-poll", "per-packet", 10, 0, 10, 1_500)), ScenarioLoader.load(null, List.of()).effective(),
                "nicsim run");
        Path file = SummaryWriter.write(original, dir);
        JsonNode runs = JSON.readTree(file.toFile()).get("runs");
        assertThat(runs.get(0).get("handler").get("firstError").asText())
                .isEqualTo("IllegalStateException: bad header");
        assertThat(runs.get(0).get("handler").get("errors").asLong()).isEqualTo(100);
        assertThat(runs.get(0).get("handler").get("stuck").get(0).asText()).contains("Parser.handle");
        assertThat(runs.get(0).get("costs").get("handler").get("cpuNanosPerPacket").asDouble()).isEqualTo(850.5);
        assertThat(runs.get(1).has("handler")).as("the built-in model: no handler object").isFalse();
        Summary read = SummaryWriter.read(file);
        assertThat(read.runs().get(0).handler()).isEqualTo(report);
        assertThat(read.runs().get(0).costs().handler()).isEqualTo(costs);
        assertThat(read.runs().get(1).handler()).isNull();
    }

    @Test
    void theFileHoldsTheContractKeys() throws Exception {
        Summary original = summary();
        JsonNode root = JSON.readTree(SummaryWriter.write(original, dir).toFile());

        assertThat(root.isObject()).isTrue();
        assertThat(root.get("scenario").isTextual()).isTrue();
        assertThat(root.get("scenario").asText()).isEqualTo("default-study");
        assertThat(root.get("interrupted").isBoolean()).isTrue();
        assertThat(root.get("interrupted").booleanValue()).isFalse();

        JsonNode environment = root.get("environment");
        assertThat(environment.get("jdk").isTextual()).isTrue();
        assertThat(environment.get("jdk").asText()).contains(String.valueOf(Runtime.version().feature()));
        assertThat(environment.get("cores").isIntegralNumber()).isTrue();
        assertThat(environment.get("cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(environment.get("os").isTextual()).isTrue();
        assertThat(environment.get("os").asText()).contains(System.getProperty("os.name"));

        JsonNode runs = root.get("runs");
        assertThat(runs.isArray()).isTrue();
        assertThat(runs.size()).isEqualTo(2);
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            RunResult want = original.runs().get(i);
            assertThat(run.get("consumer").asText()).isEqualTo(want.consumer());
            assertThat(run.get("policy").asText()).isEqualTo(want.policy());
            JsonNode packets = run.get("packets");
            for (String key : List.of("generated", "delivered", "dropped")) {
                assertThat(packets.get(key)).as("packets.%s", key).isNotNull();
                assertThat(packets.get(key).isIntegralNumber()).as("packets.%s", key).isTrue();
            }
            assertThat(packets.get("generated").asLong()).isEqualTo(want.packets().generated());
            assertThat(packets.get("delivered").asLong()).isEqualTo(want.packets().delivered());
            assertThat(packets.get("dropped").asLong()).isEqualTo(want.packets().dropped());
            assertThat(packets.get("dropReasons").isObject()).isTrue();
            assertThat(packets.get("dropReasons").size()).isEqualTo(want.packets().dropReasons().size());
            assertThat(run.get("interrupts").isIntegralNumber()).isTrue();
            assertThat(run.get("interrupts").asLong()).isEqualTo(want.interrupts());

            JsonNode latency = run.get("latencyNanos");
            assertLatency(latency.get("notification"), want.latencyNanos().notification());
            assertLatency(latency.get("notificationUncorrected"), want.latencyNanos().notificationUncorrected());
        }
        assertThat(runs.get(1).get("packets").get("dropReasons").get("stranded-in-ring").asLong()).isEqualTo(2);
    }

    private static void assertLatency(JsonNode node, LatencySummary want) {
        assertThat(node).isNotNull();
        assertThat(node.isObject()).isTrue();
        List<String> keys = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsAll(LATENCY_KEYS);
        for (String key : LATENCY_KEYS) {
            assertThat(node.get(key).isNumber()).as(key).isTrue();
        }
        assertThat(node.get("count").asLong()).isEqualTo(want.count());
        assertThat(node.get("min").asLong()).isEqualTo(want.min());
        assertThat(node.get("p50").asLong()).isEqualTo(want.p50());
        assertThat(node.get("p90").asLong()).isEqualTo(want.p90());
        assertThat(node.get("p99").asLong()).isEqualTo(want.p99());
        assertThat(node.get("p999").asLong()).isEqualTo(want.p999());
        assertThat(node.get("max").asLong()).isEqualTo(want.max());
        assertThat(node.get("mean").asDouble()).isEqualTo(want.mean());
    }

    @Test
    void readAcceptsKeysAddedByLaterVersions() throws Exception {
        // "extend it; never rename these keys": a summary.json with extra keys must still be readable
        Path file = SummaryWriter.write(summary(), dir);
        ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
        root.put("addedLater", "x");
        ((ObjectNode) root.get("runs").get(0)).put("addedLater", 1);
        ((ObjectNode) root.get("runs").get(0).get("latencyNanos").get("notification")).put("p9999", 5);
        JSON.writeValue(file.toFile(), root);

        Summary read = SummaryWriter.read(file);
        assertThat(read.runs()).hasSize(2);
    }
}
