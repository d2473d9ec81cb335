package io.nicsim.bench.run;

import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.InterruptRecord;

import java.nio.file.Path;

/** Reads a run's Chronicle journal back independently of the run, to check what the run reported. */
/**
 * @param interruptRangesInOrder sequence numbers contiguous, ranges never ending before the previous one (a re-arm may
 * notify again packets not yet consumed)
 */
record JournalCounts(long descriptors, long interrupts, boolean packetIdsInOrder, boolean stampsOrdered,
                     boolean interruptsCoverContiguousRanges, boolean interruptRangesInOrder) {

    static JournalCounts read(Path queueDir) {
        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             DescriptorReader descriptors = queues.newDescriptorReader();
             InterruptReader interrupts = queues.newInterruptReader()) {
            long descriptorCount = 0;
            boolean idsInOrder = true;
            boolean ordered = true;
            DescriptorRecord d;
            while ((d = descriptors.poll()) != null) {
                idsInOrder &= d.packetId == descriptorCount;
                ordered &= d.intendedNanos <= d.injectedNanos && d.injectedNanos <= d.detectedNanos
                        && d.detectedNanos <= d.writtenNanos && d.writtenNanos <= d.writtenBackNanos;
                descriptorCount++;
            }
            long interruptCount = 0;
            long nextFirst = 0;
            boolean contiguous = true;
            boolean inOrder = true;
            InterruptRecord irq;
            while ((irq = interrupts.poll()) != null) {
                contiguous &= irq.sequence == interruptCount && irq.firstPacketId == nextFirst
                        && irq.lastPacketId >= irq.firstPacketId;
                inOrder &= irq.sequence == interruptCount && irq.lastPacketId >= nextFirst - 1
                        && irq.lastPacketId >= irq.firstPacketId;
                nextFirst = irq.lastPacketId + 1;
                interruptCount++;
            }
            return new JournalCounts(descriptorCount, interruptCount, idsInOrder, ordered, contiguous, inOrder);
        }
    }
}
