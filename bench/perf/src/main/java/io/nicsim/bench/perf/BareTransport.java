package io.nicsim.bench.perf;

import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.bench.run.SystemNanoClock;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DescriptorWriter;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.traffic.TrafficSource;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

/**
 * Variant (1) of the floor: the bare transport. A paced sender appends nicsim's own descriptor record (with
 * its intended send time) to a Chronicle queue opened by nic-sim's {@link DeviceQueues} (the settings every
 * nicsim run uses), and a busy-spinning tailer reads it; latency is {@code read - intended}. No MAC, no
 * firmware, no interrupt, no consumer bookkeeping: what Chronicle alone costs between two threads.
 */
final class BareTransport {

    static final String NAME = "bare-transport";

    private BareTransport() {
    }

    /** Plays the schedule through a queue under {@code queueDir} and returns the measured latencies. */
    static Result run(Pacing pacing, Path queueDir) throws Exception {
        long expected = pacing.scheduledPackets();
        Histogram histogram = LatencyRecorder.newHistogram();
        long[] received = new long[1];
        PacedThreads.StopFlag stop = new PacedThreads.StopFlag();
        try (DeviceQueues queues = DeviceQueues.open(queueDir)) {
            PacedThreads.run(NAME, () -> {
                DescriptorReader reader = queues.newDescriptorReader();
                return startNanos -> {
                    try (reader) {
                        received[0] = receive(reader, histogram, startNanos + pacing.warmupNanos(), expected, stop);
                    }
                };
            }, () -> {
                DescriptorWriter writer = queues.newDescriptorWriter(SystemNanoClock.INSTANCE);
                return startNanos -> {
                    try (writer) {
                        send(writer, pacing.newSource(), startNanos);
                    }
                };
            }, stop);
        }
        return new Result(histogram, expected, received[0]);
    }

    /** The device's duty cycle, bare: append every due packet, spin when none is due. */
    private static void send(DescriptorWriter writer, TrafficSource source, long startNanos) {
        boolean pending = source.next();
        long packetId = 0;
        while (pending) {
            long nowNanos = System.nanoTime();
            int sent = 0;
            while (pending && startNanos + source.offsetNanos() <= nowNanos) {
                writer.write(0, packetId++, 0, source.frameBytes(), 0, startNanos + source.offsetNanos(), nowNanos,
                        nowNanos, nowNanos);
                pending = source.next();
                sent++;
            }
            if (sent == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** The busy-poll consumer's loop, bare: read, stamp, record. */
    private static long receive(DescriptorReader reader, Histogram histogram, long measureFromNanos, long expected,
                                PacedThreads.StopFlag stop) {
        long received = 0;
        while (received < expected) {
            DescriptorRecord descriptor = reader.poll();
            if (descriptor == null) {
                if (stop.stopped()) {
                    break;
                }
                Thread.onSpinWait();
                continue;
            }
            long readNanos = System.nanoTime();
            if (descriptor.intendedNanos >= measureFromNanos) {
                histogram.recordValue(Math.max(0, readNanos - descriptor.intendedNanos));
            }
            received++;
        }
        return received;
    }

    /**
     * @param latency  read - intended of the measured packets
     * @param expected packets the schedule held
     * @param received packets read before the drain timeout
     */
    record Result(Histogram latency, long expected, long received) {
    }
}
