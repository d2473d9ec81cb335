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
 * with the report, poll mode raises no interrupt, and the stages add up. No timing is asserted; the drain
 * timeout is a liveness bound.
 */
@Tag("run")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PolicyMatrixTest {

    static Stream<Arguments> policiesAndConsumers() {
        return PolicyFactory.NAMES.stream()
                .flatMap(policy -> Consumers.NAMES.stream().map(consumer -> Arguments.of(policy, consumer)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("policiesAndConsumers")
    void accountsForEveryPacket(String policy, String consumer, @TempDir Path dir) throws Exception {
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=150ms", "run.warmup=50ms",
                "run.drainTimeout=20s", "traffic.ratePerSecond=20kpps", "traffic.flows=4", "host.consumer=" + consumer,
                "firmware.policy=" + policy, "run.queueStaging=none", "host.workers=2",
                "host.socketSlots=65536", "nic.ringSlots=65536"));
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
        assertThat(result.latencyNanos().stages()).containsOnlyKeys("detect", "dma", "hold", "deliver", "wake",
                "handle");
        result.latencyNanos().stages().values()
                .forEach(stage -> assertThat(stage.count()).isEqualTo(notification.count()));
    }
}
