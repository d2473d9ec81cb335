package io.nicsim.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nicsim.host.Consumers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins that Scenario.effective(), saved as YAML and loaded again, gives the same scenario (name and every typed view).
 */
class EffectiveScenarioTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private Scenario roundTrip(Scenario scenario) throws IOException, ScenarioException {
        Path file = dir.resolve("effective.yaml");
        YAML.writeValue(file.toFile(), scenario.effective());
        return ScenarioLoader.load(file, List.of());
    }

    private static void assertSame(Scenario reloaded, Scenario original) {
        assertThat(reloaded.name()).isEqualTo(original.name());
        assertThat(reloaded.traffic()).isEqualTo(original.traffic());
        assertThat(reloaded.firmware()).isEqualTo(original.firmware());
        assertThat(reloaded.host()).isEqualTo(original.host());
        assertThat(reloaded.run()).isEqualTo(original.run());
        assertThat(reloaded.effective()).isEqualTo(original.effective());
    }

    @Test
    void theDefaultStudyRoundTrips() throws Exception {
        Scenario original = ScenarioLoader.load(null, List.of());
        Scenario reloaded = roundTrip(original);
        assertSame(reloaded, original);
        assertThat(reloaded.host().consumers()).hasSize(4);
    }

    @Test
    void effectiveListsEveryKeyWithDurationsInUnits() throws Exception {
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=90s", "host.handlerWorkNanos=1500",
                "host.consumer=event-loop"));
        Map<String, Object> effective = scenario.effective();
        int keys = 0;
        for (ScenarioKey key : ScenarioKeys.all()) {
            String[] parts = key.path().split("\\.", 2);
            assertThat(effective).containsKey(parts[0]);
            assertThat(((Map<?, ?>) effective.get(parts[0])).containsKey(parts[1])).as(key.path()).isTrue();
            keys++;
        }
        assertThat(keys).isGreaterThanOrEqualTo(17);
        assertThat(((Map<?, ?>) effective.get("run")).get("duration")).isEqualTo("90s");
        assertThat(((Map<?, ?>) effective.get("host")).get("handlerWorkNanos")).isEqualTo("1500ns");
        assertThat(((Map<?, ?>) effective.get("host")).get("consumer")).isEqualTo(List.of("event-loop"));
    }

    @Test
    void namesThatLookLikeOtherYamlTypesRoundTrip() throws Exception {
        for (String name : List.of("123", "true", "null", "~", "a: b # c", "- x", "'quoted'", "2026-01-01", "1e3",
                "µs-study", "[x]")) {
            Path file = dir.resolve("named.yaml");
            Files.writeString(file, YAML.writeValueAsString(Map.of("name", name)));
            Scenario original = ScenarioLoader.load(file, List.of());
            assertThat(original.name()).isEqualTo(name);
            assertSame(roundTrip(original), original);
        }
    }

    @Test
    void randomValidScenariosRoundTrip() throws Exception {
        SplittableRandom random = new SplittableRandom(0xEFFEC7L);
        String[] durationUnits = {"", "ns", "us", "µs", "ms", "s", "m"};
        for (int i = 0; i < 300; i++) {
            List<String> sets = new ArrayList<>();
            sets.add("traffic.kind=" + (random.nextBoolean() ? "poisson" : "constant"));
            sets.add("traffic.ratePerSecond=" + switch (random.nextInt(4)) {
                case 0 -> random.nextInt(1, 10_000_000);
                case 1 -> random.nextInt(1, 100_000) + "." + random.nextInt(1_000) + "kpps";
                case 2 -> random.nextInt(1, 50) + "." + random.nextInt(100) + "Mpps";
                default -> Double.toString(random.nextDouble(1e-3, 600e6)); // up to the limit
            });
            sets.add("traffic.seed=" + random.nextLong());
            // within the limit of a thread per flow (a consumer the shuffle may pick)
            sets.add("traffic.flows=" + random.nextInt(1, ScenarioLimits.MOST_PLATFORM_THREADS_PER_FLOW + 1));
            sets.add("traffic.frameBytes=" + random.nextInt(1, 9_001));
            boolean coalesce = random.nextBoolean();
            sets.add("firmware.policy=" + (coalesce ? "coalesce" : "per-packet"));
            int rxUsecs = random.nextInt(0, 1_000);
            sets.add("firmware.rxUsecs=" + rxUsecs);
            sets.add("firmware.rxFrames=" + (rxUsecs == 0 ? random.nextInt(1, 512) : random.nextInt(0, 512)));
            sets.add("firmware.pollIntervalNanos=" + duration(random, durationUnits, false, HOUR_NANOS));
            List<String> consumers = new ArrayList<>(Consumers.NAMES);
            java.util.Collections.shuffle(consumers, new java.util.Random(random.nextLong()));
            sets.add("host.consumer=" + String.join(",",
                    consumers.subList(0, random.nextInt(1, consumers.size() + 1))));
            sets.add("host.handlerWorkNanos=" + duration(random, durationUnits, false, MINUTE_NANOS));
            sets.add("host.placement=" + List.of("auto", "shared", "separate").get(random.nextInt(3)));
            sets.add("host.deviceIdle=" + List.of("busy-spin", "yield", "backoff").get(random.nextInt(3)));
            sets.add("host.dispatcherIdle=" + List.of("busy-spin", "yield", "backoff").get(random.nextInt(3)));
            sets.add("host.pinning=" + List.of("auto", "on", "off").get(random.nextInt(3)));
            sets.add("run.duration=" + duration(random, durationUnits, true, HOUR_NANOS));
            sets.add("run.warmup=" + duration(random, durationUnits, false, 10 * MINUTE_NANOS));
            sets.add("run.drainTimeout=" + duration(random, durationUnits, false, HOUR_NANOS));
            // keep some keys at their defaults
            sets.removeIf(set -> random.nextInt(6) == 0 && !set.startsWith("firmware.")
                    && !set.startsWith("run.duration"));

            Scenario original = ScenarioLoader.load(null, sets);
            Scenario reloaded = roundTrip(original);
            assertThat(reloaded.traffic()).as("case %d %s", i, sets).isEqualTo(original.traffic());
            assertSame(reloaded, original);
        }
    }

    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final long HOUR_NANOS = 60 * MINUTE_NANOS;

    /** A duration in a random unit, at most {@code mostNanos} (the key's limit). */
    private static String duration(SplittableRandom random, String[] units, boolean positive, long mostNanos) {
        String unit = units[random.nextInt(units.length)];
        long unitNanos = switch (unit) {
            case "m" -> MINUTE_NANOS;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            default -> 1L;
        };
        long most = Math.min(switch (unit) {
            case "m" -> 100_000L;
            case "s" -> 1_000_000L;
            default -> 1_000_000_000L;
        }, mostNanos / unitNanos);
        long amount = random.nextLong(positive ? 1 : 0, most + 1);
        return unit.equals("ms") && amount < most && random.nextBoolean()
                ? amount + "." + random.nextInt(1, 1_000_000) + unit : amount + unit;
    }
}
