package io.nicsim.bench.run;

import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.queue.DeviceQueues;
import io.nicsim.nic.queue.InterruptReader;
import io.nicsim.nic.record.DescriptorRecord;
import io.nicsim.nic.record.InterruptRecord;

import java.nio.file.Path;

/** Reads a run's Chronicle journal back independently of the run, to check what the run reported. */
record JournalCounts(long descriptors, long interrupts, boolean packetIdsInOrder, boolean stampsOrdered,
                     boolean interruptsCoverContiguousRanges) {

    static JournalCounts read(Path queueDir) {
        try (DeviceQueues queues = DeviceQueues.open(queueDir);
             DescriptorReader descriptors = queues.newDescriptorReader();
             InterruptReader interrupts = queues.newInterruptReader()) {
            long descriptorCount = 0;
            boolean inOrder = true;
            boolean ordered = true;
            DescriptorRecord d;
            while ((d = descriptors.poll()) != null) {
                inOrder &= d.packetId == descriptorCount;
                ordered &= d.intendedNanos <= d.injectedNanos && d.injectedNanos <= d.detectedNanos
                        && d.detectedNanos <= d.writtenNanos;
                descriptorCount++;
            }
            long interruptCount = 0;
            long nextFirst = 0;
            boolean contiguous = true;
            InterruptRecord irq;
            while ((irq = interrupts.poll()) != null) {
                contiguous &= irq.sequence == interruptCount && irq.firstPacketId == nextFirst
                        && irq.lastPacketId >= irq.firstPacketId;
                nextFirst = irq.lastPacketId + 1;
                interruptCount++;
            }
            return new JournalCounts(descriptorCount, interruptCount, inOrder, ordered, contiguous);
        }
    }
}
