package io.nicsim.nic.device;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.policy.NotificationPolicy;
import io.nicsim.firmware.policy.PerPacketPolicy;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DoorbellWriter;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.DoorbellRecord;
import io.nicsim.nic.record.InterruptRecord;
import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.traffic.SyntheticFlows;
import io.nicsim.nic.traffic.TrafficClasses;
import io.nicsim.nic.wire.MacFifo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-queue RX and finite rings on the device, with explicit time: RSS puts each flow's packets in one queue's
 * ring (its own descriptor queue, its own interrupt vector), a full ring drops and counts, and slots come back
 * only with the host's refill doorbells.
 */
class RingsTest {

    private static final long START = 1_000_000;

    @TempDir
    Path dir;

    private static Firmware firmware(MacFifo mac, int queues, int ringSlots, SyntheticFlows flows,
            ManualNanoClock clock) {
        NotificationPolicy[] policies = new NotificationPolicy[queues];
        for (int q = 0; q < queues; q++) {
            policies[q] = new PerPacketPolicy();
        }
        return new Firmware(mac, policies, RssSteering.forQueues(queues, flows), ringSlots, 0, NicConfig.DEFAULTS,
                clock, TrafficClasses.NONE);
    }

    @Test
    void aFullRingDropsAndARefillDoorbellGivesSlotsBack() {
        ManualNanoClock clock = new ManualNanoClock(START);
        MacFifo mac = new MacFifo(64);
        Firmware firmware = firmware(mac, 1, 4, SyntheticFlows.INSTANCE, clock);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            firmware.open(queues);
            try (DoorbellWriter doorbells = queues.newDoorbellWriter(clock)) {
                for (long id = 0; id < 6; id++) {
                    mac.push(id, START, START, 0, 64);
                }
                firmware.doWork(START);
                assertThat(firmware.descriptorsWritten()).as("4 slots").isEqualTo(4);
                assertThat(firmware.ringFullDrops()).isEqualTo(2);

                doorbells.ring(0, DoorbellRecord.REFILL, 3); // the host consumed and returned 3
                firmware.doWork(START + 1);
                assertThat(firmware.refillsRead()).isEqualTo(1);
                assertThat(firmware.doorbellsRead()).as("refills are not re-arm/disarm doorbells").isZero();
                for (long id = 6; id < 10; id++) {
                    mac.push(id, START, START, 0, 64);
                }
                firmware.doWork(START + 2);
                assertThat(firmware.descriptorsWritten()).as("3 slots came back").isEqualTo(7);
                assertThat(firmware.ringFullDrops()).isEqualTo(3);

                doorbells.ring(0, DoorbellRecord.REFILL, 2); // an older running total changes nothing
                firmware.doWork(START + 3);
                mac.push(10, START, START, 0, 64);
                firmware.doWork(START + 4);
                assertThat(firmware.ringFullDrops()).isEqualTo(4);
            } finally {
                firmware.close();
            }
            try (DescriptorReader reader = queues.newDescriptorReader()) {
                long[] expected = {0, 1, 2, 3, 6, 7, 8};
                for (long id : expected) {
                    assertThat(reader.poll().packetId).isEqualTo(id);
                }
                assertThat(reader.poll()).isNull();
            }
        }
    }

    @Test
    void rssKeepsEachFlowInOneQueueWithItsOwnRingAndVector() {
        ManualNanoClock clock = new ManualNanoClock(START);
        MacFifo mac = new MacFifo(1 << 12);
        SyntheticFlows flows = SyntheticFlows.INSTANCE;
        RssSteering steering = RssSteering.forQueues(4, flows);
        Firmware firmware = firmware(mac, 4, 0, flows, clock);
        try (DeviceQueues queues = DeviceQueues.open(dir, 4)) {
            firmware.open(queues);
            try {
                for (long id = 0; id < 2_000; id++) {
                    mac.push(id, START, START, (int) (id % 64), 64);
                }
                firmware.doWork(START);
            } finally {
                firmware.close();
            }
            long total = 0;
            for (int q = 0; q < 4; q++) {
                assertThat(firmware.descriptorsWritten(q)).as("queue %s gets packets", q).isPositive();
                assertThat(firmware.interruptsRaised(q)).as("per-packet on each vector")
                        .isEqualTo(firmware.descriptorsWritten(q));
                total += firmware.descriptorsWritten(q);
                try (DescriptorReader reader = queues.newDescriptorReader(q)) {
                    DescriptorRecord d;
                    long count = 0;
                    while ((d = reader.poll()) != null) {
                        assertThat(d.queue).isEqualTo(q);
                        assertThat(steering.queueOf(d.flow)).as("flow %s", d.flow).isEqualTo(q);
                        count++;
                    }
                    assertThat(count).isEqualTo(firmware.descriptorsWritten(q));
                }
            }
            assertThat(total).isEqualTo(2_000);
            try (InterruptReader reader = queues.newInterruptReader()) {
                InterruptRecord irq;
                long[] perVector = new long[4];
                while ((irq = reader.poll()) != null) {
                    perVector[irq.vector]++;
                }
                for (int q = 0; q < 4; q++) {
                    assertThat(perVector[q]).isEqualTo(firmware.interruptsRaised(q));
                }
            }
        }
    }
}
