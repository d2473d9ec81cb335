package io.nicsim.nic.queue;

import io.nicsim.nic.record.DescriptorRecord;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Where the named descriptor reader of queues opened {@linkplain DeviceQueues#openWithNamedReaders with named
 * readers} stands: how many descriptors earlier readers of that name consumed, so a restarted host process can
 * account for the packets a dead one read. Looks without reading through the named tailer (its position is not
 * moved). Packet ids of one RX queue are 0, 1, 2, ... in the order their descriptors are written, so the count is
 * the packet id the named reader reads next.
 */
public final class NamedReaderPosition {

    private NamedReaderPosition() {
    }

    /**
     * Call before any reader of that name reads in this process.
     *
     * @return the number of descriptors readers of this name have consumed so far (0 if none ever read)
     * @throws IllegalArgumentException if the queues' readers are anonymous
     */
    public static long descriptorsConsumed(DeviceQueues queues) {
        if (queues.readerName() == null) {
            throw new IllegalArgumentException("the queues under " + queues.dir() + " have anonymous readers");
        }
        ChronicleQueue queue = queues.descriptorQueue();
        long index;
        try (ExcerptTailer named = queue.createTailer(queues.readerName() + "-" + DeviceQueues.DESCRIPTORS)) {
            index = named.index();
        }
        if (index == 0) {
            return 0; // a named tailer that never read stands at the start
        }
        DescriptorRecord record = new DescriptorRecord();
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (tailer.moveToIndex(index)) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (dc.isPresent()) {
                        return record.readFrom(dc.wire().bytes()).packetId;
                    }
                }
            }
        }
        // the named reader stands after the last descriptor written: it consumed every one
        try (ExcerptTailer backwards = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            try (DocumentContext dc = backwards.readingDocument()) {
                return dc.isPresent() ? record.readFrom(dc.wire().bytes()).packetId + 1 : 0;
            }
        }
    }
}
