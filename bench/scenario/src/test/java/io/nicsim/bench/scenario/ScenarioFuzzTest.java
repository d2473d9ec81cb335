package io.nicsim.bench.scenario;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.Consumers;
import io.nicsim.nic.agent.IdleStrategies;
import io.nicsim.nic.traffic.TrafficConfig;
import io.nicsim.nic.traffic.TrafficSources;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Pins that any mutation of a valid scenario file (and any --set) yields a valid Scenario or a ScenarioException,
 * nothing else.
 */
class ScenarioFuzzTest {

    private static final int CASES_PER_SEED = 1_500;

    private static final List<String> BASE = List.of(
            "name: fuzz-base",
            "traffic:",
            "  kind: poisson",
            "  ratePerSecond: 200kpps",
            "  seed: 7",
            "  flows: 4",
            "  frameBytes: 64",
            "nic:",
            "firmware:",
            "  policy: coalesce",
            "  rxUsecs: 50",
            "  rxFrames: 64",
            "  pollIntervalNanos: 0",
            "host:",
            "  consumer: [busy-poll, event-loop]",
            "  handlerWorkNanos: 500ns",
            "  placement: auto",
            "  deviceIdle: busy-spin",
            "  dispatcherIdle: backoff",
            "  pinning: auto",
            "run:",
            "  duration: 10ms",
            "  warmup: 1ms",
            "  drainTimeout: 5ms");

    /** Values of the wrong shape or type for most keys. */
    private static final List<String> WRONG_TYPES = List.of(
            "{a: 1}", "[1, 2]", "[]", "{}", "~", "null", "true", "no", "''", "\"\"", "'10ms'", "\"200kpps\"",
            "!!binary aGVsbG8=", "!!str 5", "!!float 1.5", "!!int 0x10", "&anchor 5", "*anchor", "|\n    block",
            ">\n    folded", "- item", "busy-poll", "coalesce", "shared", "yield", "2020-01-01", "0x1F", "0o17", ".inf",
            "-.inf", ".nan", "1_000", "\"a\\nb\"", "\"\\u0000\"", "'it''s'", "[busy-poll, [nested]]", "{consumer: x}");

    /** Numbers out of every key's range, at the edges, or huge. */
    private static final List<String> NUMBERS = List.of(
            "-1", "-0", "0", "0.0", "1", "1.5", "-1.5", "2147483647", "2147483648", "-2147483649", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "99999999999999999999999999999999", "1e308", "1e309", "1e400", "-1e400", "1e-400", "1e30", "1e30s",
            "1e19ns", "9223372036854775807ns", "9223372036854775808ns", "153722867m", "153722868m", "1e3", "1E3us",
            "-5ms", "-50kpps", "0pps", "1e400pps", "1.5ns", "0.001us", "1e-9s", "5 kpps", "10 ms", "10msec", "10mss",
            "1.5Mpps", "0.0000001pps", "9".repeat(400), "1" + "0".repeat(2_000));

    private static final List<String> OVERRIDE_VALUES = List.of(
            "0", "1", "-1", "8", "10ms", "1.5", "fast", "", " ", ",", "busy-poll,event-loop", "busy-poll,,", "coalesce",
            "per-packet", "poisson", "constant", "separate", "backoff", "none", "1e400", "2147483648", "=", "a=b");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 0xC0FFEEL, 20_260_101L})
    void everyMutationIsAValidScenarioOrAScenarioException(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> paths = new ArrayList<>(ScenarioKeys.paths());
        Path file = dir.resolve("fuzz.yaml");
        int valid = 0;
        int rejected = 0;
        for (int i = 0; i < CASES_PER_SEED; i++) {
            byte[] bytes = mutate(random);
            List<String> overrides = new ArrayList<>();
            if (random.nextInt(5) == 0) {
                int count = 1 + random.nextInt(3);
                for (int k = 0; k < count; k++) {
                    String path = random.nextInt(8) == 0 ? "traffic.flow" : paths.get(random.nextInt(paths.size()));
                    String value = random.nextBoolean() ? pick(random, OVERRIDE_VALUES) : pick(random, NUMBERS);
                    overrides.add(random.nextInt(10) == 0 ? path + value : path + "=" + value);
                }
            }
            Files.write(file, bytes);
            try {
                Scenario scenario = ScenarioLoader.load(file, overrides);
                checkValid(scenario);
                valid++;
            } catch (ScenarioException e) {
                assertThat(e.getMessage()).as(describe(seed, i, bytes, overrides))
                        .satisfiesAnyOf(m -> assertThat(m).startsWith(file.toString()), m -> assertThat(m)
                                .startsWith("--set: "));
                rejected++;
            } catch (Throwable t) {
                fail("not a ScenarioException: " + t + "\n" + describe(seed, i, bytes, overrides), t);
            }
        }
        // the mutations must exercise both outcomes, or this test proves little
        assertThat(valid).as("valid scenarios").isGreaterThan(CASES_PER_SEED / 50);
        assertThat(rejected).as("rejected scenarios").isGreaterThan(CASES_PER_SEED / 2);
    }

    private static byte[] mutate(SplittableRandom random) {
        List<String> lines = new ArrayList<>(BASE);
        int lineMutations = random.nextInt(4);
        for (int m = 0; m < lineMutations && !lines.isEmpty(); m++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(9)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.set(at, withValue(line, pick(random, WRONG_TYPES)));
                case 2 -> lines.set(at, withValue(line, pick(random, NUMBERS)));
                case 3 -> lines.set(at, withValue(line, randomText(random)));
                case 4 -> lines.set(at, typo(random, line));
                case 5 -> lines.set(at, line.startsWith("  ") && random.nextBoolean()
                        ? line.substring(random.nextInt(1, 3)) : " ".repeat(random.nextInt(1, 5)) + line);
                case 6 -> lines.add(random.nextInt(lines.size() + 1), line);
                case 7 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, withValue(line, valueOf(lines.get(other))));
                }
                default -> lines.set(at, withValue(line, "[".repeat(random.nextInt(50) == 0 ? random.nextInt(900, 1_100)
                        : random.nextInt(1, 60))));
            }
        }
        byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        int byteMutations = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int m = 0; m < byteMutations; m++) {
            bytes = switch (random.nextInt(3)) {
                case 0 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                case 1 -> overwrite(random, bytes);
                default -> insert(random, bytes);
            };
        }
        return bytes;
    }

    private static String withValue(String line, String value) {
        int colon = line.indexOf(':');
        return colon < 0 ? line + ": " + value : line.substring(0, colon + 1) + " " + value;
    }

    private static String valueOf(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(colon + 1).trim();
    }

    private static String typo(SplittableRandom random, String line) {
        if (line.isEmpty()) {
            return "x";
        }
        StringBuilder text = new StringBuilder(line);
        int at = random.nextInt(text.length());
        switch (random.nextInt(3)) {
            case 0 -> text.deleteCharAt(at);
            case 1 -> text.insert(at, (char) random.nextInt('a', 'z' + 1));
            default -> text.setCharAt(at, (char) random.nextInt(32, 127));
        }
        return text.toString();
    }

    private static String randomText(SplittableRandom random) {
        String alphabet = "abcxyz0123456789 .,:-_+#&*!|>'\"%@`{}[]?\\µ\t";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(0, 20);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static byte[] overwrite(SplittableRandom random, byte[] bytes) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] copy = bytes.clone();
        int count = 1 + random.nextInt(8);
        for (int k = 0; k < count; k++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] insert(SplittableRandom random, byte[] bytes) {
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        int count = 1 + random.nextInt(8);
        for (int k = 0; k < count; k++) {
            out.write(random.nextInt(256));
        }
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Every typed view works and holds values inside its key's domain. */
    private static void checkValid(Scenario scenario) {
        assertThat(scenario.name()).isNotBlank();
        TrafficConfig traffic = scenario.traffic();
        assertThat(traffic.kind()).isIn(TrafficSources.KINDS);
        assertThat(traffic.ratePerSecond()).isGreaterThan(0.0);
        assertThat(traffic.flows()).isPositive();
        assertThat(traffic.frameBytes()).isPositive();
        FirmwareConfig firmware = scenario.firmware();
        assertThat(firmware.policy()).isIn(PolicyFactory.NAMES);
        assertThat(firmware.rxUsecs()).isNotNegative();
        assertThat(firmware.rxFrames()).isNotNegative();
        assertThat(firmware.pollIntervalNanos()).isNotNegative();
        if (firmware.policy().equals("coalesce")) {
            assertThat(firmware.rxUsecs() + firmware.rxFrames()).isPositive();
        }
        HostConfig host = scenario.host();
        assertThat(host.consumers()).isNotEmpty().isSubsetOf(Consumers.NAMES);
        assertThat(host.handlerWorkNanos()).isNotNegative();
        assertThat(host.placement()).isIn(HostConfig.PLACEMENTS);
        assertThat(host.deviceIdle()).isIn(IdleStrategies.NAMES);
        assertThat(host.dispatcherIdle()).isIn(IdleStrategies.NAMES);
        assertThat(host.pinning()).isIn(HostConfig.PINNINGS);
        RunConfig run = scenario.run();
        assertThat(run.durationNanos()).isPositive();
        assertThat(run.warmupNanos()).isNotNegative();
        assertThat(run.drainTimeoutNanos()).isNotNegative();
        assertThat(scenario.effective()).containsKeys("name", "traffic", "firmware", "host", "run");
    }

    private static String describe(long seed, int index, byte[] bytes, List<String> overrides) {
        StringBuilder text = new StringBuilder("seed " + seed + ", case " + index + ", overrides " + overrides
                + ", file:\n");
        for (byte b : bytes) {
            int c = b & 0xFF;
            text.append(c == '\n' ? "\n" : c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return text.toString();
    }
}
