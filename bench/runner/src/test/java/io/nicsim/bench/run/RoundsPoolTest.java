package io.nicsim.bench.run;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.RunResult;
import io.nicsim.host.cost.RunCosts;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's rounds as one result: counts summed by reason and queue, costs weighted by each round's packets. */
class RoundsPoolTest {

    private static RunResult round(long delivered, Map<String, Long> drops, long[] queuePackets) {
        long dropped = drops.values().stream().mapToLong(Long::longValue).sum();
        List<RunResult.QueueCounts> queues = new java.util.ArrayList<>();
        for (int q = 0; q < queuePackets.length; q++) {
            queues.add(new RunResult.QueueCounts(q, queuePackets[q], 0, queuePackets[q] / 2));
        }
        LatencySummary none = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        return new RunResult(new RunResult.What("busy-poll", "busy-poll", "per-packet", "per-packet", null),
                new RunResult.Setup(Map.of(), Map.of(), Map.of(), null),
                new RunResult.Counts(new RunResult.PacketCounts(delivered + dropped, delivered, dropped, drops,
                        delivered / 2), delivered, delivered, 3, queues),
                new RunResult.Latencies(new RunResult.Latency(none, none, Map.of()), Map.of(), none),
                new RunResult.Window(2_000, 1_000, 1_000, false), null, new RunResult.Output(null, null));
    }

    @Test
    void countsAreSummedByDropReasonAndQueueAndStillBalance() {
        Map<String, Long> first = new LinkedHashMap<>();
        first.put("ring-full", 5L);
        Map<String, Long> second = new LinkedHashMap<>();
        second.put("ring-full", 2L);
        second.put("socket-full", 1L);

        RunResult.Counts counts = RoundsPool.counts(List.of(round(100, first, new long[] {60, 45}),
                round(50, second, new long[] {30, 23})));

        RunResult.PacketCounts packets = counts.packets();
        assertThat(packets.generated()).isEqualTo(158);
        assertThat(packets.delivered()).isEqualTo(150);
        assertThat(packets.dropped()).isEqualTo(8);
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropReasons()).containsExactly(Map.entry("ring-full", 7L), Map.entry("socket-full", 1L));
        assertThat(packets.measured()).isEqualTo(75);
        assertThat(counts.interrupts()).isEqualTo(150);
        assertThat(counts.doorbells()).isEqualTo(6);
        assertThat(counts.perQueue()).containsExactly(new RunResult.QueueCounts(0, 90, 0, 45),
                new RunResult.QueueCounts(1, 68, 0, 33));
    }

    @Test
    void costsPerPacketAreWeightedByEachRoundsPackets() {
        RunCosts busy = new RunCosts(3_000, 0.5, 0.1, 200, 9_000, 4, 1, 100, List.of("consumer"));
        RunCosts quiet = new RunCosts(1_000, 0.2, 0.0, 100, -1, 0, 0, 300, List.of("consumer"));

        RunCosts pooled = RunCosts.pooled(java.util.Arrays.asList(busy, null, quiet));

        assertThat(pooled.packets()).isEqualTo(400);
        assertThat(pooled.consumerCpuNanosPerPacket()).isEqualTo(1_500.0);
        assertThat(pooled.voluntarySwitchesPerPacket()).isCloseTo(0.275, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(pooled.runQueueWaitNanosPerPacket()).isEqualTo(125.0);
        assertThat(pooled.processCpuNanosPerPacket()).as("unknown in one round: unknown").isEqualTo(-1.0);
        assertThat(pooled.gcMillis()).isEqualTo(4);
        assertThat(pooled.gcCount()).isEqualTo(1);
        assertThat(RunCosts.pooled(java.util.Arrays.asList(null, null))).isNull();
    }
}
