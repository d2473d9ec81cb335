package io.nicsim.bench.run;

import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-queue and finite rings end to end through real Chronicle files: RSS spreads many flows evenly over the
 * queues and every packet is accounted for; overload with a small ring drops only as ring-full. No timing is
 * asserted (the overload is 10 times what the handler's CPU work allows, whatever the machine).
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RingsAndQueuesRunTest {

    @ParameterizedTest
    @ValueSource(strings = {"virtual-thread", "event-loops", "platform-pool"})
    void fourQueuesSpreadTenThousandFlowsEvenlyAndAccountForEveryPacket(String consumer, @TempDir Path dir)
            throws Exception {
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=300ms", "run.warmup=100ms",
                "run.drainTimeout=20s", "traffic.ratePerSecond=20kpps", "traffic.flows=10000", "nic.queues=4",
                "host.workers=2", "host.socketSlots=65536", "nic.ringSlots=65536", "run.queueStaging=none",
                "host.consumer=" + consumer));
        RunResult result = ConsumerRun.run(scenario, consumer, dir.resolve("queues"), SystemNanoClock.INSTANCE);

        RunResult.PacketCounts packets = result.packets();
        assertThat(packets.generated()).isPositive().isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropped()).as("drops %s", packets.dropReasons()).isZero();
        assertThat(result.perQueue()).hasSize(4);
        long total = result.perQueue().stream().mapToLong(RunResult.QueueCounts::packets).sum();
        assertThat(total).isEqualTo(packets.delivered());
        for (RunResult.QueueCounts queue : result.perQueue()) {
            assertThat((double) queue.packets()).as("queue %s within 10%% of even", queue.queue())
                    .isBetween(0.9 * total / 4, 1.1 * total / 4);
            assertThat(queue.interrupts()).as("per-packet on each vector").isEqualTo(queue.packets());
        }
        assertThat(result.nic()).containsEntry("queues", 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform-thread", "busy-poll"})
    void overloadWithASmallRingDropsOnlyAsRingFull(String consumer, @TempDir Path dir) throws Exception {
        // 100k packets/s, each costing the handler 100 us of CPU: ten times what one consumer handles
        Scenario scenario = ScenarioLoader.load(null, List.of("run.duration=400ms", "run.warmup=0ns",
                "run.drainTimeout=20s", "traffic.ratePerSecond=100kpps", "nic.ringSlots=64",
                "host.handlerWorkNanos=100us", "firmware.policy=napi", "run.queueStaging=none",
                "host.consumer=" + consumer));
        RunResult result = ConsumerRun.run(scenario, consumer, dir.resolve("queues"), SystemNanoClock.INSTANCE);

        RunResult.PacketCounts packets = result.packets();
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropReasons()).containsOnlyKeys("ring-full");
        assertThat(packets.dropped()).as("most of the overload").isGreaterThan(packets.generated() / 2);
        assertThat(result.perQueue().getFirst().ringFull()).isEqualTo(packets.dropped());
    }
}
