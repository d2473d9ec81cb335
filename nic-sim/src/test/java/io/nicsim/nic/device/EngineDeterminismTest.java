package io.nicsim.nic.device;

import io.nicsim.firmware.policy.FirmwareConfig;
import io.nicsim.nic.port.ChecksumPorts;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.traffic.TrafficConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine run twice on the same schedule, in virtual time, writes the same descriptors and raises the same
 * interrupts, field for field and in the same order (the host re-arming after each interrupt, as NAPI does).
 */
class EngineDeterminismTest {

    private static final long RUN_NANOS = 2_000_000;

    private record Descriptor(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intended,
                              long injected, long detected, long written, long writtenBack) {
    }

    private record Interrupt(int vector, long sequence, long first, long last, long raised) {
    }

    private record Streams(List<Descriptor> descriptors, List<Interrupt> interrupts, long events, long checksum) {
    }

    /**
     * Keeps every descriptor and interrupt, in the order they became visible; the re-arm doorbells come from the
     * checksum ports it forwards to. One {@link QueueSink} per RX queue holds that queue's open burst.
     */
    private static final class Recorder implements InterruptSink {
        final List<Descriptor> descriptors = new ArrayList<>();
        final List<Interrupt> interrupts = new ArrayList<>();
        final ChecksumPorts ports = new ChecksumPorts(true);

        DescriptorSink[] sinks(int queues) {
            DescriptorSink[] sinks = new DescriptorSink[queues];
            for (int q = 0; q < queues; q++) {
                sinks[q] = new QueueSink(this);
            }
            return sinks;
        }

        @Override
        public void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
            interrupts.add(new Interrupt(vector, sequence, firstPacketId, lastPacketId, raisedNanos));
            ports.raise(vector, sequence, firstPacketId, lastPacketId, raisedNanos);
        }

        @Override
        public void close() {
        }
    }

    private static final class QueueSink implements DescriptorSink {
        final Recorder recorder;
        final List<Descriptor> burst = new ArrayList<>();
        final List<Descriptor> descriptors;
        final ChecksumPorts ports;

        QueueSink(Recorder recorder) {
            this.recorder = recorder;
            this.descriptors = recorder.descriptors;
            this.ports = recorder.ports;
        }

        @Override
        public void add(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                        long injectedNanos, long detectedNanos, long writtenNanos) {
            burst.add(new Descriptor(queue, packetId, flow, frameBytes, trafficClass, intendedNanos,
                    injectedNanos, detectedNanos, writtenNanos, 0));
            ports.add(queue, packetId, flow, frameBytes, trafficClass, intendedNanos, injectedNanos, detectedNanos,
                    writtenNanos);
        }

        @Override
        public void writeBack(long writtenBackNanos) {
            for (Descriptor d : burst) {
                descriptors.add(new Descriptor(d.queue(), d.packetId(), d.flow(), d.frameBytes(), d.trafficClass(),
                        d.intended(), d.injected(), d.detected(), d.written(), writtenBackNanos));
            }
            burst.clear();
            ports.writeBack(writtenBackNanos);
        }

        @Override
        public void close() {
        }
    }

    private static Streams run(String policy, int writeBackDescriptors) {
        TrafficConfig traffic = new TrafficConfig("poisson", 4e6, 11, 16, 64).withHighPriorityShare(0.2);
        NicConfig nic = new NicConfig(25, 200, 10, 4, 0).withWriteBack(writeBackDescriptors, 3_000);
        FirmwareConfig firmware = FirmwareConfig.DEFAULTS.withPolicy(policy).withCoalescing(20, 16)
                .withPollIntervalNanos(100);
        Recorder recorder = new Recorder();
        Device device = EngineRuns.device(traffic, nic, firmware, recorder.sinks(nic.queues()), recorder,
                recorder.ports);
        long events = EngineRuns.advance(device, RUN_NANOS);
        return new Streams(recorder.descriptors, recorder.interrupts, events, recorder.ports.checksum());
    }

    @ParameterizedTest
    @ValueSource(strings = {"per-packet", "coalesce", "napi", "dim", "adaptive-itr"})
    void theSameScheduleTwiceGivesTheSameStreams(String policy) {
        Streams first = run(policy, 1);
        Streams second = run(policy, 1);

        assertThat(first.descriptors()).hasSizeGreaterThan(5_000);
        assertThat(first.interrupts()).isNotEmpty();
        assertThat(second.descriptors()).isEqualTo(first.descriptors());
        assertThat(second.interrupts()).isEqualTo(first.interrupts());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.checksum()).isEqualTo(first.checksum());
    }

    /**
     * With write-back bursts of 8 on four queues, the streams repeat as well, and no descriptor is visible before its
     * DMA completed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"per-packet", "coalesce", "napi"})
    void theSameScheduleTwiceGivesTheSameStreamsWithWriteBackBursts(String policy) {
        Streams first = run(policy, 8);
        Streams second = run(policy, 8);

        assertThat(first.descriptors()).hasSizeGreaterThan(5_000);
        assertThat(second.descriptors()).isEqualTo(first.descriptors());
        assertThat(second.interrupts()).isEqualTo(first.interrupts());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.checksum()).isEqualTo(first.checksum());
        assertThat(first.descriptors())
                .allSatisfy(d -> assertThat(d.writtenBack()).isGreaterThanOrEqualTo(d.written()));
    }
}
