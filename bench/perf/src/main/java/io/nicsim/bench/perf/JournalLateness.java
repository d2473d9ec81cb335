package io.nicsim.bench.perf;

import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

/**
 * The wire's injection lateness as a run's descriptor journal records it: {@code injected - intended} of each
 * packet, how late the device thread put a due packet into the MAC. Packets intended within {@code warmupNanos}
 * of the first packet's intended time are skipped (the schedule starts at the first packet, give or take the
 * first gap). Read after the run, so it costs the run nothing.
 *
 * @param lateness    injected - intended of the measured packets, nanoseconds: model stamps since record format 3, so
 *                    0 unless a link speed delays arrivals
 * @param deviceLag   appended - written back of the measured packets, nanoseconds: when the device actually appended
 *                    the descriptor's record minus the model time it was due, how far the device thread fell behind
 * @param descriptors every descriptor in the journal
 * @param inOrder     whether packet ids ran 0, 1, 2, ... without a gap
 * @param documents   the journal's documents: lone descriptors and write-back bursts
 */
record JournalLateness(Histogram lateness, Histogram deviceLag, long descriptors, boolean inOrder, long documents) {

    /** @return the mean descriptors per document (the mean write-back burst), 0 for an empty journal */
    double descriptorsPerDocument() {
        return documents == 0 ? 0 : (double) descriptors / documents;
    }

    static JournalLateness read(Path queueDir, long warmupNanos) {
        Histogram lateness = LatencyRecorder.newHistogram();
        Histogram deviceLag = LatencyRecorder.newHistogram();
        long count = 0;
        boolean inOrder = true;
        long measureFrom = Long.MAX_VALUE;
        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             DescriptorReader reader = queues.newDescriptorReader()) {
            DescriptorRecord descriptor;
            while ((descriptor = reader.poll()) != null) {
                if (count == 0) {
                    measureFrom = descriptor.intendedNanos + warmupNanos;
                }
                inOrder &= descriptor.packetId == count;
                if (descriptor.intendedNanos >= measureFrom) {
                    lateness.recordValue(Math.min(Math.max(0, descriptor.injectedNanos - descriptor.intendedNanos),
                            LatencyRecorder.HIGHEST_TRACKABLE_NANOS));
                    deviceLag.recordValue(Math.min(Math.max(0, descriptor.appendedNanos - descriptor.writtenBackNanos),
                            LatencyRecorder.HIGHEST_TRACKABLE_NANOS));
                }
                count++;
            }
            return new JournalLateness(lateness, deviceLag, count, inOrder, reader.documentsRead());
        }
    }
}
