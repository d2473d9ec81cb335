package io.nicsim.nic.device;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.policy.PerPacketPolicy;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.wire.MacFifo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The firmware's DMA time with a manual clock: a descriptor is written on the first turn at or after
 * detected + dmaNanos + bytes * dmaPicosPerByte, never before the packet ahead of it, also between MAC polls; the
 * detected stamp stays the poll's, so the dma stage (written - detected) holds the delay.
 */
class DmaTimingTest {

    private static final long START = 1_000_000;

    @TempDir
    Path dir;

    private record Written(long packetId, long detected, long written) {
    }

    private List<Written> run(NicConfig nic, long pollIntervalNanos, long tickNanos, long endNanos, int... frameBytes) {
        ManualNanoClock clock = new ManualNanoClock(START);
        MacFifo mac = new MacFifo(16);
        Firmware firmware = new Firmware(0, mac, new PerPacketPolicy(), pollIntervalNanos, nic, clock);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            firmware.open(queues);
            try {
                for (int i = 0; i < frameBytes.length; i++) {
                    mac.push(i, START, START, 0, frameBytes[i]);
                }
                for (long t = START; t <= endNanos; t += tickNanos) {
                    clock.setNanos(t);
                    firmware.doWork(t);
                }
                assertThat(firmware.packetsInDma()).isZero();
                assertThat(firmware.descriptorsWritten()).isEqualTo(frameBytes.length);
            } finally {
                firmware.close();
            }
            List<Written> written = new ArrayList<>();
            try (DescriptorReader reader = queues.newDescriptorReader()) {
                for (DescriptorRecord d = reader.poll(); d != null; d = reader.poll()) {
                    written.add(new Written(d.packetId, d.detectedNanos, d.writtenNanos));
                }
            }
            return written;
        }
    }

    @Test
    void descriptorWaitsForFixedPlusPerByteDmaTime() {
        // 500 ns + 64 B x 300 ps = 519.2 ns -> due at +520 (rounded up), written on the 10 ns tick at +520
        List<Written> written = run(new NicConfig(0, 500, 300), 0, 10, START + 2_000, 64);

        assertThat(written).containsExactly(new Written(0, START, START + 520));
    }

    @Test
    void transfersCompleteInRingOrder() {
        // 1500 B needs 500 + 450 = 950 ns; the 64 B packet behind it would be done at 520 but waits for it
        List<Written> written = run(new NicConfig(0, 500, 300), 0, 10, START + 2_000, 1500, 64);

        assertThat(written).containsExactly(new Written(0, START, START + 950), new Written(1, START, START + 950));
    }

    @Test
    void theDmaEngineRunsBetweenMacPolls() {
        // MAC polled every 5 us; the descriptor appears 700 ns after detection, not at the next poll
        List<Written> written = run(new NicConfig(0, 700, 0), 5_000, 100, START + 20_000, 64);

        assertThat(written).containsExactly(new Written(0, START, START + 700));
    }

    @Test
    void withoutDmaTimeTheDescriptorIsWrittenWhenDetected() {
        List<Written> written = run(NicConfig.DEFAULTS, 0, 10, START + 100, 64, 1500);

        assertThat(written).containsExactly(new Written(0, START, START), new Written(1, START, START));
        assertThat(NicConfig.DEFAULTS.hasDmaDelay()).isFalse();
    }

    @Test
    void rejectsNegativeTimingsNamingTheKey() {
        assertThatIllegalArgumentException().isThrownBy(() -> new NicConfig(-1, 0, 0))
                .withMessageStartingWith("nic.linkGbps");
        assertThatIllegalArgumentException().isThrownBy(() -> new NicConfig(0, -1, 0))
                .withMessageStartingWith("nic.dmaNanos");
        assertThatIllegalArgumentException().isThrownBy(() -> new NicConfig(0, 0, -1))
                .withMessageStartingWith("nic.dmaPicosPerByte");
    }
}
