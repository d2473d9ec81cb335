package io.nicsim.bench.run;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.host.Consumers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every policy with every consumer, end to end through real Chronicle files: no packet lost or left in the
 * ring (each policy's rule for not letting packets rot, NAPI's missed-IRQ re-arm included), the journal agrees
 * with the report, poll mode raises no interrupt, and the stages add up. The same with descriptors written back in
 * bursts of 16 (a 200 us timer: several packets per burst at 20k pps), for every policy and every consumer, each
 * paired once (the product again would double the suite's longest test). No timing is asserted; the drain timeout is
 * a liveness bound.
 */
@Tag("run")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PolicyMatrixTest {

    static Stream<Arguments> policiesAndConsumers() {
        return PolicyFactory.NAMES.stream()
                .flatMap(policy -> Consumers.NAMES.stream().map(consumer -> Arguments.of(policy, consumer)));
    }

    /** Every consumer once and every policy at least once: consumer i with policy i (mod the policies). */
    static Stream<Arguments> policiesAndConsumersWithBursts() {
        List<String> policies = PolicyFactory.NAMES;
        List<String> consumers = Consumers.NAMES;
        return java.util.stream.IntStream.range(0, Math.max(policies.size(), consumers.size()))
                .mapToObj(i -> Arguments.of(policies.get(i % policies.size()), consumers.get(i % consumers.size())));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("policiesAndConsumers")
    void accountsForEveryPacket(String policy, String consumer, @TempDir Path dir) throws Exception {
        accountsForEveryPacket(policy, consumer, dir, List.of());
    }

    @ParameterizedTest(name = "{0} with {1}, write-back bursts of 16")
    @MethodSource("policiesAndConsumersWithBursts")
    void accountsForEveryPacketWrittenBackInBursts(String policy, String consumer, @TempDir Path dir)
            throws Exception {
        RunResult result = accountsForEveryPacket(policy, consumer, dir, List.of("nic.writeBackDescriptors=16",
                "nic.writeBackNanos=200us"));
        assertThat(result.latencyNanos().stages().get("writeBack").max()).as("waits no longer than the timer")
                .isLessThanOrEqualTo(200_200);
    }

    private static RunResult accountsForEveryPacket(String policy, String consumer, Path dir, List<String> more)
            throws Exception {
        List<String> overrides = new java.util.ArrayList<>(List.of("run.duration=150ms", "run.warmup=50ms",
                "run.drainTimeout=20s", "traffic.ratePerSecond=20kpps", "traffic.flows=4", "host.consumer=" + consumer,
                "firmware.policy=" + policy, "run.queueStaging=none", "host.workers=2",
                "host.socketSlots=65536", "nic.ringSlots=65536"));
        overrides.addAll(more);
        Scenario scenario = ScenarioLoader.load(null, overrides);
        Path queues = dir.resolve("queues");

        RunResult result = ConsumerRun.run(scenario, consumer, queues, SystemNanoClock.INSTANCE);

        RunResult.PacketCounts packets = result.packets();
        assertThat(result.policy()).isEqualTo(policy);
        assertThat(result.firmware()).containsEntry("policy", policy);
        assertThat(packets.generated()).isPositive().isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropped()).as("drops %s", packets.dropReasons()).isZero();
        JournalCounts journal = JournalCounts.read(queues);
        assertThat(journal.descriptors()).isEqualTo(packets.delivered());
        assertThat(journal.interrupts()).isEqualTo(result.interrupts());
        assertThat(journal.stampsOrdered()).isTrue();
        assertThat(journal.interruptRangesInOrder())
                .as("interrupts come in sequence and never go back to older packets").isTrue();
        if (policy.equals(PolicyFactory.POLL_MODE)) {
            assertThat(result.interrupts()).isZero();
        }
        if (consumer.equals("busy-poll")) {
            assertThat(result.doorbells()).as("a spinning consumer never rings").isZero();
        }
        LatencySummary notification = result.latencyNanos().notification();
        assertThat(notification.count()).isEqualTo(packets.measured());
        assertThat(result.latencyNanos().stages()).containsOnlyKeys("detect", "dma", "writeBack", "hold", "deliver",
                "wake", "handle");
        result.latencyNanos().stages().values()
                .forEach(stage -> assertThat(stage.count()).isEqualTo(notification.count()));
        return result;
    }
}
