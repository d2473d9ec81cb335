package io.nicsim.bench.perf;

import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.record.DescriptorRecord;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

/**
 * How late the device thread acted on the schedule, as a run's descriptor journal records it. The journal's stage
 * stamps (intended, injected, written back) are model time, which a device keeping exact model time never lets slip;
 * what slips is the wall clock at which the device thread did the work: {@code appended - written back}, the real
 * time its record was appended minus the model time it was due. Packets intended within {@code warmupNanos} of the
 * first packet's intended time are skipped (the schedule starts at the first packet, give or take the first gap).
 * Read after the run, so it costs the run nothing.
 *
 * @param deviceLag   appended - written back of the measured packets, nanoseconds: when the device actually appended
 *                    the descriptor's record minus the model time it was due, how far the device thread fell behind
 * @param descriptors every descriptor in the journal
 * @param inOrder     whether packet ids ran 0, 1, 2, ... without a gap
 * @param documents   the journal's documents: lone descriptors and write-back bursts
 */
record JournalLateness(Histogram deviceLag, long descriptors, boolean inOrder, long documents) {

    /** @return the mean descriptors per document (the mean write-back burst), 0 for an empty journal */
    double descriptorsPerDocument() {
        return documents == 0 ? 0 : (double) descriptors / documents;
    }

    static JournalLateness read(Path queueDir, long warmupNanos) {
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
                    deviceLag.recordValue(Math.min(Math.max(0, descriptor.appendedNanos - descriptor.writtenBackNanos),
                            LatencyRecorder.HIGHEST_TRACKABLE_NANOS));
                }
                count++;
            }
            return new JournalLateness(deviceLag, count, inOrder, reader.documentsRead());
        }
    }
}
