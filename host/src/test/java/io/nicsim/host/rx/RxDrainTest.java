package io.nicsim.host.rx;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The woken stamp: the wake-up for packets visible before it, the read time for packets that came after. */
class RxDrainTest {

    @Test
    void stampsPacketsVisibleBeforeTheWakeUpWithTheWakeUp(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(1_000_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxDrain drain = new RxDrain(queues.newDescriptorReader(), new PacketHandler(0, clock), recorder, clock)) {
                // intended 1_000_000, written at 1_000_000; the consumer wakes at 1_004_000 and reads at 1_009_000
                writer.write(0, 0, 0, 64, 1_000_000, 1_000_000, 1_000_000);
                long wokenNanos = 1_004_000;
                clock.setNanos(1_009_000);
                assertThat(drain.drain(wokenNanos)).isEqualTo(1);
            }
            assertThat(recorder.notification().getMaxValue()).isBetween(3_990L, 4_010L);
        }
    }

    @Test
    void stampsPacketsWrittenAfterTheWakeUpWhenRead(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(1_000_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxDrain drain = new RxDrain(queues.newDescriptorReader(), new PacketHandler(0, clock), recorder, clock)) {
                clock.setNanos(2_000_000);
                writer.write(0, 0, 0, 64, 1_990_000, 1_995_000, 2_000_000); // written at 2_000_000
                clock.setNanos(2_007_000);
                assertThat(drain.drain(1_500_000)).isEqualTo(1); // woke at 1_500_000, before it was written
            }
            // woken = read time 2_007_000: 17 us after intended, 12 us after injected
            assertThat(recorder.notification().getMaxValue()).isBetween(16_990L, 17_010L);
            assertThat(recorder.notificationUncorrected().getMaxValue()).isBetween(11_990L, 12_010L);
        }
    }

    @Test
    void busyPollStampsEveryPacketWhenRead(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(5_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxDrain drain = new RxDrain(queues.newDescriptorReader(), new PacketHandler(0, clock), recorder, clock)) {
                writer.write(0, 0, 0, 64, 4_000, 4_500, 5_000);
                clock.setNanos(6_000);
                assertThat(drain.drain(RxDrain.NOT_WOKEN)).isEqualTo(1);
                assertThat(drain.drain(RxDrain.NOT_WOKEN)).isZero();
            }
            assertThat(recorder.notification().getMaxValue()).isBetween(1_999L, 2_001L);
        }
    }
}
