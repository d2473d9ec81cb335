package io.nicsim.nic.device;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.firmware.policy.NapiInterruptPolicy;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DoorbellWriter;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.DoorbellRecord;
import io.nicsim.nic.wire.MacFifo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control doorbells of two-process mode (attach, done) share the doorbell queue with the register writes, and
 * the firmware ignores them: they neither count as doorbells read nor change the policy; a re-arm after them still
 * applies the missed-IRQ rule.
 */
class FirmwareControlDoorbellsTest {

    @TempDir
    Path dir;

    @Test
    void attachAndDoneAreIgnoredAndRegisterWritesStillApply() {
        ManualNanoClock clock = new ManualNanoClock(1_000);
        MacFifo mac = new MacFifo(16);
        Firmware firmware = new Firmware(0, mac, new NapiInterruptPolicy(false), 0, clock);
        try (DeviceQueues queues = DeviceQueues.open(dir);
             DoorbellWriter host = queues.newDoorbellWriter(clock);
             InterruptReader interrupts = queues.newInterruptReader()) {
            firmware.open(queues);
            host.ring(0, DoorbellRecord.ATTACH, -1);
            assertThat(firmware.doWork(clock.nanoTime())).as("no work for a control doorbell").isZero();
            assertThat(firmware.doorbellsRead()).isZero();

            mac.push(0, 1_000, 1_000, 0, 64);
            mac.push(1, 1_000, 1_000, 0, 64);
            clock.setNanos(2_000);
            firmware.doWork(clock.nanoTime()); // two descriptors, one interrupt, then masked
            assertThat(firmware.interruptsRaised()).isEqualTo(1);
            assertThat(interrupts.poll()).isNotNull();

            host.ring(0, DoorbellRecord.DONE, 1);
            host.ring(0, DoorbellRecord.ATTACH, -1);
            firmware.doWork(clock.nanoTime());
            assertThat(firmware.interruptsRaised()).as("a control doorbell does not re-arm").isEqualTo(1);
            assertThat(firmware.doorbellsRead()).isZero();

            host.ring(0, DoorbellRecord.REARM, 0); // packet 1 not consumed: the missed-IRQ rule raises
            firmware.doWork(clock.nanoTime());
            assertThat(firmware.doorbellsRead()).isEqualTo(1);
            assertThat(firmware.interruptsRaised()).isEqualTo(2);
            assertThat(interrupts.poll().firstPacketId).isEqualTo(1);
            firmware.close();
        }
    }
}
