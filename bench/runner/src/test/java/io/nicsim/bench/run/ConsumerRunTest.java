package io.nicsim.bench.run;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.PlacementReport;
import io.nicsim.bench.results.RunResult;
import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioLoader;
import io.nicsim.host.Consumers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short run of each consumer through real Chronicle files, real threads and the real device: every packet
 * accounted for, and the figures agree with the journal read back independently. No timing is asserted; the
 * drain timeout is a generous liveness bound.
 */
@Tag("run")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ConsumerRunTest {

    static List<String> consumers() {
        return Consumers.NAMES;
    }

    private static Scenario scenario(String consumer, String... more) throws Exception {
        // buffers that only a stall of seconds fills: these tests expect no drop
        List<String> overrides = new ArrayList<>(List.of("run.duration=300ms", "run.warmup=100ms",
                "run.drainTimeout=20s", "traffic.ratePerSecond=20kpps", "host.consumer=" + consumer,
                "host.socketSlots=65536", "nic.ringSlots=65536"));
        overrides.addAll(List.of(more));
        return ScenarioLoader.load(null, overrides);
    }

    @ParameterizedTest
    @MethodSource("consumers")
    void perPacketRunAccountsForEveryPacketAndMatchesItsJournal(String consumer, @TempDir Path dir) throws Exception {
        Scenario scenario = scenario(consumer, "run.queueStaging=none");
        Path queues = dir.resolve("queues");

        RunResult result = ConsumerRun.run(scenario, consumer, queues, SystemNanoClock.INSTANCE);

        RunResult.PacketCounts packets = result.packets();
        assertThat(result.consumer()).isEqualTo(consumer);
        assertThat(result.policy()).isEqualTo("per-packet");
        // the default seed's Poisson schedule at 20 kpps for 400 ms (100 ms warm-up + 300 ms): 8,238 packets (8,000
        // on average), a known value pinned from the seeded schedule, not recomputed from the source under test
        assertThat(packets.generated()).isEqualTo(8_238);
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropped()).as("drops %s", packets.dropReasons()).isZero();
        assertThat(result.interrupts()).as("per-packet: one interrupt per packet").isEqualTo(packets.generated());
        assertThat(result.interruptsDelivered()).isEqualTo(result.interrupts());

        JournalCounts journal = JournalCounts.read(queues);
        assertThat(journal.descriptors()).isEqualTo(packets.delivered());
        assertThat(journal.interrupts()).isEqualTo(result.interrupts());
        assertThat(journal.packetIdsInOrder()).isTrue();
        assertThat(journal.stampsOrdered()).isTrue();
        assertThat(journal.interruptsCoverContiguousRanges()).isTrue();

        LatencySummary latency = result.latencyNanos().notification();
        assertThat(latency.count()).isEqualTo(packets.measured()).isPositive().isLessThan(packets.delivered());
        assertThat(latency.p50()).isPositive();
        assertThat(latency.min()).isLessThanOrEqualTo(latency.p50());
        assertThat(latency.p50()).isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).isLessThanOrEqualTo(latency.max());
        assertThat(result.latencyNanos().notificationUncorrected().count()).isEqualTo(latency.count());
    }

    @ParameterizedTest
    @MethodSource("consumers")
    void frameCountCoalescingRaisesExactlyOneInterruptPerEightPackets(String consumer, @TempDir Path dir)
            throws Exception {
        // rxUsecs=0: only the frame count fires, so the count is exact whatever the machine's timing; the last
        // generated % 8 packets never get an interrupt, as on a real NIC, and are stranded unless the consumer
        // happened to see them while awake.
        Scenario scenario = scenario(consumer, "firmware.policy=coalesce", "firmware.rxUsecs=0",
                "firmware.rxFrames=8", "run.drainTimeout=300ms", "traffic.kind=constant");
        RunResult result = ConsumerRun.run(scenario, consumer, dir.resolve("queues"), SystemNanoClock.INSTANCE);

        RunResult.PacketCounts packets = result.packets();
        // constant 20 kpps for 400 ms: packets at 0, 50, ..., 399,950 us, 8,000 of them; one interrupt per 8: 1,000,
        // and none left over (8,000 = 8 * 1,000), so nothing is stranded
        assertThat(packets.generated()).isEqualTo(8_000);
        assertThat(result.interrupts()).isEqualTo(1_000);
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropped()).isZero();
        assertThat(packets.dropReasons().keySet()).isSubsetOf("stranded-in-ring");
        if (consumer.equals("busy-poll")) {
            assertThat(packets.dropped()).as("a spinning consumer needs no interrupt").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("consumers")
    void blockingHandlersAndTwoClassesAccountForEveryPacketPerClass(String consumer, @TempDir Path dir)
            throws Exception {
        // 10k packets per second, each handler 31 us (a parked 30 us wait takes longer: timer slack), 4 workers
        Scenario scenario = scenario(consumer, "run.queueStaging=none", "traffic.flows=8",
                "traffic.ratePerSecond=10kpps", "traffic.highPriorityShare=0.25", "host.handlerWorkNanos=1us",
                "host.handlerBlockNanos=30us", "host.workers=4");
        RunResult result = ConsumerRun.run(scenario, consumer, dir.resolve("queues"), SystemNanoClock.INSTANCE);

        RunResult.PacketCounts packets = result.packets();
        // the default seed's Poisson schedule at 10 kpps for 400 ms: 4,133 packets (4,000 on average), pinned
        assertThat(packets.generated()).isEqualTo(4_133)
                .isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropped()).as("drops %s", packets.dropReasons()).isZero();
        assertThat(result.byClass()).containsOnlyKeys("high", "low");
        assertThat(result.byClass().get("high").count() + result.byClass().get("low").count())
                .isEqualTo(packets.measured());
        assertThat((double) result.byClass().get("high").count() / packets.measured()).as("a quarter high")
                .isBetween(0.18, 0.32);
        assertThat(result.latencyNanos().stages().get("handle").min()).as("each handler waited 30 us")
                .isGreaterThanOrEqualTo(30_000);
        assertThat(result.priority()).matches("(yes|no): .+");
        assertThat(result.traffic()).containsEntry("highPriorityShare", 0.25);
    }

    @ParameterizedTest
    @MethodSource("io.nicsim.bench.run.ConsumerRunTest#dispatching")
    void aFullApplicationBufferDropsAsSocketFullAndStillBalances(String consumer, @TempDir Path dir) throws Exception {
        // 20k packets per second, each handler blocking 2 ms, buffers of 4 packets: the application cannot keep up
        Scenario scenario = scenario(consumer, "run.queueStaging=none", "traffic.flows=2", "host.workers=1",
                "host.handlerBlockNanos=2ms", "host.socketSlots=4");
        RunResult result = ConsumerRun.run(scenario, consumer, dir.resolve("queues"), SystemNanoClock.INSTANCE);

        RunResult.PacketCounts packets = result.packets();
        assertThat(packets.generated()).isEqualTo(packets.delivered() + packets.dropped());
        assertThat(packets.dropReasons()).containsKey("socket-full");
        assertThat(packets.dropReasons().keySet()).isSubsetOf("socket-full",
                "stranded-in-app");
    }

    static List<String> dispatching() {
        return Consumers.DISPATCHING;
    }

    @ParameterizedTest
    @MethodSource("consumers")
    void stagedQueuesEndUpInTheRunFolder(String consumer, @TempDir Path dir) throws Exception {
        Scenario scenario = scenario(consumer, "run.queueStaging=auto", "run.duration=50ms", "run.warmup=0ns");
        Path queues = dir.resolve("queues");
        RunResult result = ConsumerRun.run(scenario, consumer, queues, SystemNanoClock.INSTANCE);

        assertThat(result.journal()).isEqualTo(queues.toString());
        assertThat(JournalCounts.read(queues).descriptors()).isEqualTo(result.packets().delivered());
        try (var staged = Files.list(Path.of("/dev/shm"))) {
            String mine = "nicsim-" + ProcessHandle.current().pid() + "-";
            assertThat(staged.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith(mine));
        }
    }

    /**
     * Where each thread ran, on this machine: below 4 cores nothing is pinned, whatever host.pinning asks, and the
     * record says why; from 4 cores each spinning thread and a consumer with a thread of its own have a CPU each.
     */
    @ParameterizedTest
    @CsvSource({"platform-thread, auto", "platform-thread, on", "virtual-thread, auto"})
    void placementRecordsWhereEachThreadRanAndWhyNotPinned(String consumer, String pinning, @TempDir Path dir)
            throws Exception {
        Scenario scenario = scenario(consumer, "host.pinning=" + pinning, "run.duration=50ms", "run.warmup=0ns");
        int cores = Runtime.getRuntime().availableProcessors();

        PlacementReport placement = ConsumerRun.run(scenario, consumer, dir.resolve("queues"),
                SystemNanoClock.INSTANCE).placement();

        assertThat(placement.threads()).hasSize(placement.mode().equals(Placement.SHARED) ? 2 : 3);
        PlacementReport.ThreadPlacement consumerThread = placement.threads().getLast();
        if (consumer.equals("virtual-thread")) {
            assertThat(consumerThread.cpu()).isNull();
            assertThat(consumerThread.why()).isEqualTo("virtual threads run on carriers");
        }
        if (cores < 4) {
            String why = cores + " cores: pinning needs 4 or more";
            assertThat(placement.pinning()).isEqualTo(new PlacementReport.Pinning(pinning, false, why));
            assertThat(placement.threads()).extracting(PlacementReport.ThreadPlacement::cpu).containsOnlyNulls();
            assertThat(placement.threads().getFirst().why()).isEqualTo(why);
        } else {
            assertThat(placement.pinning()).isEqualTo(new PlacementReport.Pinning(pinning, true, null));
            assertThat(placement.threads()).extracting(PlacementReport.ThreadPlacement::cpu)
                    .filteredOn(java.util.Objects::nonNull).doesNotHaveDuplicates()
                    .hasSize(placement.threads().size() - (consumer.equals("virtual-thread") ? 1 : 0));
        }
    }
}
