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
                              long injected, long detected, long written) {
    }

    private record Interrupt(int vector, long sequence, long first, long last, long raised) {
    }

    private record Streams(List<Descriptor> descriptors, List<Interrupt> interrupts, long events, long checksum) {
    }

    /** Keeps every descriptor and interrupt; the re-arm doorbells come from the checksum ports it forwards to. */
    private static final class Recorder implements DescriptorSink, InterruptSink {
        final List<Descriptor> descriptors = new ArrayList<>();
        final List<Interrupt> interrupts = new ArrayList<>();
        final ChecksumPorts ports = new ChecksumPorts(true);

        @Override
        public void write(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                          long injectedNanos, long detectedNanos, long writtenNanos) {
            descriptors.add(new Descriptor(queue, packetId, flow, frameBytes, trafficClass, intendedNanos,
                    injectedNanos, detectedNanos, writtenNanos));
            ports.write(queue, packetId, flow, frameBytes, trafficClass, intendedNanos, injectedNanos, detectedNanos,
                    writtenNanos);
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

    private static Streams run(String policy) {
        TrafficConfig traffic = new TrafficConfig("poisson", 4e6, 11, 16, 64).withHighPriorityShare(0.2);
        NicConfig nic = new NicConfig(25, 200, 10, 4, 0);
        FirmwareConfig firmware = FirmwareConfig.DEFAULTS.withPolicy(policy).withCoalescing(20, 16)
                .withPollIntervalNanos(100);
        Recorder recorder = new Recorder();
        Device device = EngineRuns.device(traffic, nic, firmware, recorder, recorder, recorder.ports);
        long events = EngineRuns.advance(device, RUN_NANOS);
        return new Streams(recorder.descriptors, recorder.interrupts, events, recorder.ports.checksum());
    }

    @ParameterizedTest
    @ValueSource(strings = {"per-packet", "coalesce", "napi", "dim", "adaptive-itr"})
    void theSameScheduleTwiceGivesTheSameStreams(String policy) {
        Streams first = run(policy);
        Streams second = run(policy);

        assertThat(first.descriptors()).hasSizeGreaterThan(5_000);
        assertThat(first.interrupts()).isNotEmpty();
        assertThat(second.descriptors()).isEqualTo(first.descriptors());
        assertThat(second.interrupts()).isEqualTo(first.interrupts());
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.checksum()).isEqualTo(first.checksum());
    }
}
