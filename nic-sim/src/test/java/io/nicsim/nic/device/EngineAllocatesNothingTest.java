package io.nicsim.nic.device;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.nic.port.ChecksumPorts;
import io.nicsim.nic.traffic.TrafficConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Advancing the device engine in virtual time over 100k packets allocates nothing once warm (compiled): wire,
 * MAC, firmware, policy, DMA and RSS steering, with the ports in memory; counted with the JVM's per-thread
 * allocation counter, a semantic check, not a timing.
 */
class EngineAllocatesNothingTest {

    private static final int PACKETS = 100_000;
    private static final double RATE = 5e6;
    /** 100k packets at 5 Mpps, and the tail of the last ones. */
    private static final long RUN_NANOS = (long) (PACKETS / RATE * 1e9) + 100_000;
    private static final int ROUNDS = 30;

    @ParameterizedTest
    @ValueSource(strings = {"per-packet", "coalesce", "napi", "dim", "per-packet dma rss", "napi bursts",
        "coalesce dma rss bursts"})
    void advancingOverPacketsAllocatesNothing(String variant) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String policy = variant.split(" ")[0];
        boolean dmaRss = variant.contains("dma");
        TrafficConfig traffic = new TrafficConfig("poisson", RATE, 3, dmaRss ? 16 : 1, 64).withHighPriorityShare(0.1);
        NicConfig nic = (dmaRss ? new NicConfig(100, 300, 10, 4, 0) : new NicConfig(100, 0, 0, 1, 0))
                .withWriteBack(variant.contains("bursts") ? 16 : 1, 2_000);
        FirmwareConfig firmware = FirmwareConfig.DEFAULTS.withPolicy(policy).withCoalescing(50, 64);
        long allocated = Long.MAX_VALUE;
        long packets = 0;
        for (int round = 0; round < ROUNDS && allocated >= 256; round++) {
            ChecksumPorts ports = new ChecksumPorts(true); // built outside the measurement
            Device device = EngineRuns.device(traffic, nic, firmware, ports, ports, ports);
            long before = threads.getCurrentThreadAllocatedBytes();
            EngineRuns.advance(device, RUN_NANOS);
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            packets = ports.descriptors();
        }
        assertThat(packets).isGreaterThanOrEqualTo(PACKETS - 1_000);
        assertThat(allocated).as("bytes allocated advancing over %d packets (%s)", packets, variant).isLessThan(256);
    }
}
