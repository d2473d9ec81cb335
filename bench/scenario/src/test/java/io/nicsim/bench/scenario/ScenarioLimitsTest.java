package io.nicsim.bench.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Pins the limits a scenario's sizes are checked against when it loads: the limit passes, one above is one line. */
class ScenarioLimitsTest {

    private static Scenario load(String... overrides) throws ScenarioException {
        return ScenarioLoader.load(null, List.of(overrides));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nic.queues            | 128    | 129      | more than 128, the most RX queues nicsim opens",
        "nic.ringSlots         | 65536  | 65537    | more than 65536, 8 times the largest real ring",
        "traffic.flows         | 16777215 | 16777216 | more than 16777215, the flows nicsim gives distinct",
        "traffic.frameBytes    | 16384  | 16385    | jumbo frame",
        "traffic.udpPort       | 65535  | 65536    | the highest UDP port",
        "traffic.ratePerSecond | 600Mpps | 601Mpps | 601Mpps is more than 600Mpps, the line rate of 400 Gbit/s",
        "host.workers          | 1024   | 1025     | a thread (or an event loop's thread) of its own",
        "host.socketSlots      | 1048576 | 1048577 | preallocates its slots",
        "run.duration          | 60m    | 3600000000001 | 3600000000001ns is more than 60m",
        "run.warmup            | 10m    | 11m      | 11m is more than 10m",
        "run.rounds            | 100    | 101      | a run of its own",
        "run.drainTimeout      | 60m    | 61m      | waits for nothing",
        "run.memoryProbeWaiters | 100000 | 100001  | pid_max",
        "firmware.rxUsecs      | 1000000 | 1000001 | ice 8,160 us",
        "host.handlerBlockNanos | 1m    | 2m       | per packet"})
    void theLimitLoadsAndOneAboveIsOneLineNamingTheLimitAndWhy(String key, String most, String above, String says)
            throws ScenarioException {
        List<String> cheap = new ArrayList<>(List.of("run.warmup=0", "run.rounds=1"));
        if (key.startsWith("run.")) {
            cheap.removeIf(set -> set.startsWith(key + "="));
        }
        List<String> atMost = new ArrayList<>(cheap);
        atMost.add(key + "=" + most);
        ScenarioLoader.load(null, atMost);

        List<String> tooMuch = new ArrayList<>(cheap);
        tooMuch.add(key + "=" + above);
        assertThatThrownBy(() -> ScenarioLoader.load(null, tooMuch)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("--set: " + key + ": ").hasMessageContaining(says)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theIssuesHundredThousandQueuesSayTheLimitAndWhy() {
        assertThatThrownBy(() -> load("nic.queues=100000")).hasMessage("--set: nic.queues: 100000 is more than 128,"
                + " the most RX queues nicsim opens: its RSS indirection table has 128 entries (as Intel 82599's), so a"
                + " further queue would never receive a packet, and each queue costs a Chronicle queue (2 open files, 2"
                + " memory maps) and a consumer");
    }

    @Test
    void aLimitInAFileNamesTheLineOfTheValue(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("big.yaml"), "nic:\n  queues: 4096\n");
        assertThatThrownBy(() -> ScenarioLoader.load(file, List.of()))
                .hasMessageStartingWith(file + ":2:11: nic.queues: 4096 is more than 128");
    }

    @Test
    void platformThreadPerFlowIsLimitedToThreadsAProcessCanStart() throws ScenarioException {
        load("host.consumer=platform-thread-per-flow", "traffic.flows=4096");
        assertThatThrownBy(() -> load("host.consumer=platform-thread-per-flow", "traffic.flows=4097"))
                .hasMessageStartingWith("--set: traffic.flows: 4097 flows is more than 4096 for"
                        + " platform-thread-per-flow: a platform thread per flow");
        load("host.consumer=virtual-thread", "traffic.flows=100000"); // no thread per flow: fine
    }

    @Test
    void perFlowBuffersMustFitInHalfTheHeap() {
        Map<String, Object> values = defaults();
        values.put("host.consumer", List.of("virtual-thread-per-flow"));
        values.put("traffic.flows", 1_000);
        values.put("host.socketSlots", 1_000); // 1024 slots of 100 bytes per flow: 102,400,000 bytes
        assertThat(ScenarioLimits.checkTogether(values, 204_800_000L)).isNull();
        assertThat(ScenarioLimits.checkTogether(values, 204_799_998L)).containsExactly("host.socketSlots",
                "1000 flows x 1024 slots (a per-flow shape's buffers) preallocate 97.7 MB, more than half of this"
                        + " JVM's heap (195.3 MB)");
        values.put("host.consumer", List.of("platform-pool"));
        assertThat(ScenarioLimits.checkTogether(values, 1L)).as("a pool preallocates no slots per flow").isNull();
    }

    @Test
    void aPacedKernelWaitNeedsLinuxAndTheVirtualOneACarrierPerQueue() {
        Map<String, Object> values = defaults();
        values.put("host.consumer", List.of("platform-thread", "epoll-thread"));
        assertThat(ScenarioLimits.checkKernelWaits(values, null, 2)).isNull();
        assertThat(ScenarioLimits.checkKernelWaits(values, "the kernel wake path (eventfd, epoll) needs Linux; this is"
                + " Mac OS X", 2)).containsExactly("host.consumer", "epoll-thread: the kernel wake path (eventfd,"
                + " epoll) needs Linux; this is Mac OS X");
        values.put("host.consumer", List.of("epoll-virtual-thread"));
        values.put("nic.queues", 2);
        assertThat(ScenarioLimits.checkKernelWaits(values, null, 2)).isNull();
        values.put("nic.queues", 3);
        assertThat(ScenarioLimits.checkKernelWaits(values, null, 2)).satisfies(problem -> {
            assertThat(problem[0]).isEqualTo("nic.queues,host.consumer");
            assertThat(problem[1]).startsWith("3 RX queues is more than the 2 carrier(s) of the virtual-thread"
                    + " scheduler for epoll-virtual-thread: each queue's virtual thread pins a carrier");
        });
        values.put("run.clock", "virtual");
        assertThat(ScenarioLimits.checkKernelWaits(values, "not Linux", 1)).as("a model runs anywhere").isNull();
    }

    @Test
    void aKernelWaitWithMoreQueuesThanCarriersIsRefusedAtLoad() {
        int carriers = io.nicsim.host.cost.CarrierCosts.schedulerParallelism();
        assertThatThrownBy(() -> load("host.consumer=epoll-virtual-thread", "nic.queues=" + (carriers + 1)))
                .hasMessageStartingWith("--set: nic.queues: " + (carriers + 1) + " RX queues is more than the "
                        + carriers + " carrier(s)");
    }

    @Test
    void warmUpsOfEveryRoundCountTowardsTheRecordedTraffic() throws ScenarioException {
        load("run.rounds=12", "run.warmup=5m", "run.duration=60m");
        assertThatThrownBy(() -> load("run.rounds=13", "run.warmup=5m", "run.duration=60m"))
                .hasMessage("--set: run.duration: run.warmup x run.rounds + run.duration is 125m, more than 120m of"
                        + " traffic per consumer: the recorders keep a histogram per second of it (up to 432 KB each)");
        assertThatThrownBy(() -> load("run.rounds=100", "run.warmup=10m"))
                .as("the first key a file or --set gave is named").hasMessageStartingWith("--set: run.warmup: ");
    }

    @Test
    void mailboxSlotsRoundUpToAPowerOfTwoAsTheMailboxDoes() {
        assertThat(ScenarioLimits.mailboxSlots(1)).isEqualTo(1);
        assertThat(ScenarioLimits.mailboxSlots(1_024)).isEqualTo(1_024);
        assertThat(ScenarioLimits.mailboxSlots(1_025)).isEqualTo(2_048);
        assertThat(ScenarioLimits.mailboxSlots(1_048_576)).isEqualTo(1_048_576);
    }

    @Test
    void everyLimitIsInTheKeysDocumentation() {
        assertThat(ScenarioDocs.markdown()).contains("at most 128: the most RX queues nicsim opens")
                .contains("at most 65536: 8 times the largest real ring")
                .contains("at most 60m: the latency recorder keeps a histogram per second");
        assertThat(ScenarioLimits.describe("traffic.kind")).isNull();
    }

    private static Map<String, Object> defaults() {
        return new LinkedHashMap<>(ScenarioKeys.defaults());
    }
}
