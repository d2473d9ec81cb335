package io.nicsim.nic.device;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.port.DoorbellSource;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.traffic.TrafficConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firmware's descriptor write-back bursts in model time, on memory ports: a burst is written back when it is full,
 * when its timer expires, before an interrupt of its queue is raised, and when the device stops; with bursts of one
 * every descriptor is visible at its own DMA time, as before bursts existed.
 */
class WriteBackBurstTest {

    /** One packet per microsecond from time 0, detected and written at its arrival (no poll interval, no DMA time). */
    private static final TrafficConfig EVERY_MICROSECOND = new TrafficConfig("constant", 1_000_000, 1, 1, 64);

    /** What the host could see, in order: bursts written back and interrupts raised. */
    private static final class Log implements DescriptorSink, InterruptSink {
        final List<Long> pending = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<List<Long>> bursts = new ArrayList<>();
        final List<Long> writtenBack = new ArrayList<>();

        @Override
        public void add(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                        long injectedNanos, long detectedNanos, long writtenNanos) {
            pending.add(packetId);
        }

        @Override
        public void writeBack(long writtenBackNanos) {
            bursts.add(List.copyOf(pending));
            writtenBack.add(writtenBackNanos);
            events.add("burst " + pending + " @" + writtenBackNanos);
            pending.clear();
        }

        @Override
        public void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
            events.add("irq " + firstPacketId + ".." + lastPacketId + " @" + raisedNanos);
        }

        @Override
        public void close() {
        }
    }

    private static final DoorbellSource NO_DOORBELLS = new DoorbellSource() {
        @Override
        public io.nicsim.nic.record.DoorbellRecord poll() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    private static Device device(Log log, String policy, int rxFrames, int descriptors, long timerNanos) {
        FirmwareConfig firmware = FirmwareConfig.DEFAULTS.withPolicy(policy).withCoalescing(0, rxFrames)
                .withPollIntervalNanos(0);
        NicConfig nic = NicConfig.DEFAULTS.withWriteBack(descriptors, timerNanos);
        return EngineRuns.device(EVERY_MICROSECOND, nic, firmware, new DescriptorSink[] {log}, log, NO_DOORBELLS);
    }

    @Test
    void aFullBurstIsWrittenBackAtItsLastDescriptorsDmaTime() {
        Log log = new Log();
        Device device = device(log, "poll-mode", 0, 4, 1_000_000);
        EngineRuns.advance(device, 10_500);

        assertThat(log.bursts).containsExactly(List.of(0L, 1L, 2L, 3L), List.of(4L, 5L, 6L, 7L));
        assertThat(log.writtenBack).containsExactly(3_000L, 7_000L);
        assertThat(device.firmware().descriptorsWritten()).as("visible: written back").isEqualTo(8);
        assertThat(device.firmware().packetsInWriteBack()).as("8..10 wait in the open burst").isEqualTo(3);
        assertThat(device.firmware().writeBackBursts()).isEqualTo(2);
    }

    @Test
    void aBurstThatDoesNotFillIsWrittenBackWhenItsTimerExpires() {
        Log log = new Log();
        Device device = device(log, "poll-mode", 0, 16, 2_500);
        EngineRuns.advance(device, 6_000);

        // packets at 0, 1000, 2000 open a burst at 0 whose timer expires at 2500; the next opens at 3000
        assertThat(log.bursts).containsExactly(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L));
        assertThat(log.writtenBack).containsExactly(2_500L, 5_500L);
    }

    @Test
    void aBurstAndItsTimerOfZeroTakeWhatCompletedAtThatInstant() {
        Log log = new Log();
        Device device = device(log, "poll-mode", 0, 16, 0);
        EngineRuns.advance(device, 2_000);

        assertThat(log.bursts).containsExactly(List.of(0L), List.of(1L), List.of(2L));
        assertThat(log.writtenBack).containsExactly(0L, 1_000L, 2_000L);
    }

    @Test
    void anInterruptIsRaisedOnlyAfterTheBurstItCoversIsWrittenBack() {
        Log log = new Log();
        Device device = device(log, "coalesce", 3, 16, 1_000_000);
        EngineRuns.advance(device, 6_500);

        assertThat(log.events).containsExactly("burst [0, 1, 2] @2000", "irq 0..2 @2000", "burst [3, 4, 5] @5000",
                "irq 3..5 @5000");
    }

    @Test
    void perPacketInterruptsLeaveEveryBurstAtOneDescriptor() {
        Log log = new Log();
        Device device = device(log, "per-packet", 0, 16, 1_000_000);
        EngineRuns.advance(device, 2_500);

        assertThat(log.events).containsExactly("burst [0] @0", "irq 0..0 @0", "burst [1] @1000", "irq 1..1 @1000",
                "burst [2] @2000", "irq 2..2 @2000");
    }

    @Test
    void aDeviceThatStopsWritesBackItsOpenBurst() {
        Log log = new Log();
        Device device = device(log, "poll-mode", 0, 16, 1_000_000);
        EngineRuns.advance(device, 2_500);
        assertThat(log.bursts).isEmpty();
        assertThat(device.packetsInMac()).as("the open burst is still in the device").isEqualTo(3);

        device.firmware().close();

        assertThat(log.bursts).containsExactly(List.of(0L, 1L, 2L));
        assertThat(log.writtenBack).as("at the model time the device stopped at").containsExactly(2_000L);
        assertThat(device.firmware().descriptorsWritten()).isEqualTo(3);
        assertThat(device.packetsInMac()).isZero();
    }

    @Test
    void burstsOfOneWriteEachDescriptorBackAtItsOwnDmaTime() {
        Log log = new Log();
        Device device = device(log, "poll-mode", 0, 1, 1_000_000);
        EngineRuns.advance(device, 2_500);

        assertThat(log.bursts).containsExactly(List.of(0L), List.of(1L), List.of(2L));
        assertThat(log.writtenBack).containsExactly(0L, 1_000L, 2_000L);
        assertThat(device.firmware().packetsInWriteBack()).isZero();
    }
}
