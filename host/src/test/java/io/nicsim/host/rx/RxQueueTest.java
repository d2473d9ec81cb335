package io.nicsim.host.rx;

import io.nicsim.firmware.clock.ManualNanoClock;
import io.nicsim.host.handler.CallMode;
import io.nicsim.host.handler.HandlerSetting;
import io.nicsim.host.handler.Handling;
import io.nicsim.host.interrupt.InterruptLog;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.host.measure.Stage;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.DoorbellReader;
import io.nicsim.nic.record.DoorbellRecord;
import io.nicsim.nic.traffic.SyntheticFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RX queue's stamps and stages: the woken stamp is the wake-up for packets visible before it and the read
 * time for later ones; a packet covered by a delivered interrupt splits into hold, deliver and wake; the
 * budget bounds a poll; re-arm and disarm ring the doorbell with the last consumed packet.
 */
class RxQueueTest {

    private static final InterruptLog NO_INTERRUPTS = new InterruptLog(16);

    private static RxQueue queue(DeviceQueues queues, ManualNanoClock clock, InterruptLog log,
            LatencyRecorder recorder) {
        Handling handling = Handling.model(0, 0, new HandlerSetting("busy-poll", CallMode.SPIN, 1, 1), recorder, clock,
                SyntheticFlows.INSTANCE);
        return new RxQueue(0, queues.newDescriptorReader(), queues.newDoorbellWriter(clock), log, handling, clock);
    }

    @Test
    void stampsPacketsVisibleBeforeTheWakeUpWithTheWakeUp(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(1_000_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxQueue rx = queue(queues, clock, NO_INTERRUPTS, recorder)) {
                // intended 1_000_000, written at 1_000_000; the consumer wakes at 1_004_000 and reads at 1_009_000
                writer.write(0, 0, 0, 64, 0, 1_000_000, 1_000_000, 1_000_000, 1_000_000);
                clock.setNanos(1_009_000);
                assertThat(rx.poll(Integer.MAX_VALUE, 1_004_000)).isEqualTo(1);
            }
            assertThat(recorder.notification().getMaxValue()).isBetween(3_990L, 4_010L);
            assertThat(recorder.stage(Stage.HOLD).getMaxValue()).as("found by polling: all hold")
                    .isBetween(3_990L, 4_010L);
            assertThat(recorder.stage(Stage.DELIVER).getMaxValue()).isZero();
        }
    }

    @Test
    void stampsPacketsWrittenAfterTheWakeUpWhenRead(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(1_000_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxQueue rx = queue(queues, clock, NO_INTERRUPTS, recorder)) {
                clock.setNanos(2_000_000);
                writer.write(0, 0, 0, 64, 0, 1_990_000, 1_995_000, 2_000_000, 2_000_000);
                clock.setNanos(2_007_000);
                assertThat(rx.poll(Integer.MAX_VALUE, 1_500_000)).isEqualTo(1); // woke before it was written
            }
            // woken = read time 2_007_000: 17 us after intended, 12 us after injected
            assertThat(recorder.notification().getMaxValue()).isBetween(16_990L, 17_010L);
            assertThat(recorder.notificationUncorrected().getMaxValue()).isBetween(11_990L, 12_010L);
        }
    }

    @Test
    void splitsAnInterruptNotifiedPacketIntoItsStages(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(10_000);
        InterruptLog log = new InterruptLog(16);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxQueue rx = queue(queues, clock, log, recorder)) {
                clock.setNanos(13_000);
                writer.write(0, 0, 0, 64, 0, 10_000, 11_000, 12_000, 13_000); // injected 11, detected 12, written 13
                log.offer(0, 0, 20_000, 21_000);                     // raised 20, delivered 21
                clock.setNanos(30_000);
                assertThat(rx.poll(Integer.MAX_VALUE, 25_000)).isEqualTo(1); // woken 25, handled 30
            }
            assertThat(recorder.stage(Stage.DETECT).getMaxValue()).isBetween(995L, 1_005L);
            assertThat(recorder.stage(Stage.DMA).getMaxValue()).isBetween(995L, 1_005L);
            assertThat(recorder.stage(Stage.HOLD).getMaxValue()).isBetween(6_990L, 7_010L);
            assertThat(recorder.stage(Stage.DELIVER).getMaxValue()).isBetween(995L, 1_005L);
            assertThat(recorder.stage(Stage.WAKE).getMaxValue()).isBetween(3_995L, 4_005L);
            assertThat(recorder.stage(Stage.HANDLE).getMaxValue()).isBetween(4_995L, 5_005L);
        }
    }

    @Test
    void aBurstIsTakenAcrossPollsWithinTheBudgetAndItsWaitIsTheWriteBackStage(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(10_000);
        InterruptLog log = new InterruptLog(16);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxQueue rx = queue(queues, clock, log, recorder)) {
                for (int id = 0; id < 5; id++) { // written at 13, 14, ... 17 us; the burst written back at 20 us
                    writer.add(0, id, 0, 64, 0, 10_000, 11_000, 12_000, 13_000 + 1_000 * id);
                }
                clock.setNanos(20_000);
                writer.writeBack(20_000);
                log.offer(0, 4, 20_000, 21_000); // raised with the write-back, delivered 21
                clock.setNanos(30_000);
                assertThat(rx.poll(3, 25_000)).as("the budget").isEqualTo(3);
                assertThat(rx.poll(3, 25_000)).as("the rest of the burst").isEqualTo(2);
                assertThat(rx.poll(3, 25_000)).isZero();
            }
            assertThat(recorder.packetsHandled()).isEqualTo(5);
            assertThat(recorder.stage(Stage.WRITE_BACK).getMinValue()).as("the last one filled it").isBetween(2_995L,
                    3_005L);
            assertThat(recorder.stage(Stage.WRITE_BACK).getMaxValue()).as("the first one waited longest")
                    .isBetween(6_990L, 7_010L);
            assertThat(recorder.stage(Stage.HOLD).getMaxValue()).as("raised with the write-back").isZero();
            assertThat(recorder.stage(Stage.DELIVER).getMaxValue()).isBetween(995L, 1_005L);
        }
    }

    @Test
    void aConsumerThatNeverSleepsFindsEveryPacketByPolling(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(10_000);
        InterruptLog log = new InterruptLog(16);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxQueue rx = queue(queues, clock, log, recorder)) {
                clock.setNanos(13_000);
                writer.write(0, 0, 0, 64, 0, 10_000, 11_000, 12_000, 13_000);
                log.offer(0, 0, 20_000, 21_000); // an interrupt covers it, delivered before the read
                clock.setNanos(30_000);
                assertThat(rx.poll(Integer.MAX_VALUE, RxQueue.NOT_WOKEN)).isEqualTo(1);
            }
            assertThat(recorder.stage(Stage.DELIVER).getMaxValue()).isZero();
            assertThat(recorder.stage(Stage.WAKE).getMaxValue()).isZero();
            assertThat(recorder.stage(Stage.HOLD).getMaxValue()).as("written to read").isBetween(16_990L, 17_010L);
        }
    }

    @Test
    void takesAtMostTheBudgetAndRingsTheDoorbellWithTheLastConsumedPacket(@TempDir Path dir) {
        ManualNanoClock clock = new ManualNanoClock(5_000);
        try (DeviceQueues queues = DeviceQueues.open(dir)) {
            LatencyRecorder recorder = new LatencyRecorder();
            try (DescriptorWriter writer = queues.newDescriptorWriter(clock);
                 RxQueue rx = queue(queues, clock, NO_INTERRUPTS, recorder);
                 DoorbellReader doorbells = queues.newDoorbellReader()) {
                rx.rearm();
                assertThat(doorbells.poll().consumedPacketId).as("nothing consumed yet").isEqualTo(-1);
                for (int id = 0; id < 5; id++) {
                    writer.write(0, id, 0, 64, 0, 4_000, 4_500, 5_000, 5_000);
                }
                clock.setNanos(6_000);
                assertThat(rx.poll(3, RxQueue.NOT_WOKEN)).isEqualTo(3);
                rx.disarm();
                DoorbellRecord disarm = doorbells.poll();
                assertThat(disarm.kind).isEqualTo(DoorbellRecord.DISARM);
                assertThat(disarm.consumedPacketId).isEqualTo(2);
                assertThat(rx.poll(3, RxQueue.NOT_WOKEN)).isEqualTo(2);
                rx.rearm();
                DoorbellRecord rearm = doorbells.poll();
                assertThat(rearm.kind).isEqualTo(DoorbellRecord.REARM);
                assertThat(rearm.consumedPacketId).isEqualTo(4);
                assertThat(rearm.sequence).isEqualTo(2);
            }
            assertThat(recorder.notification().getMaxValue()).isBetween(1_999L, 2_001L);
        }
    }
}
