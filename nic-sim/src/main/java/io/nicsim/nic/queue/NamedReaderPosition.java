package io.nicsim.nic.queue;

import io.nicsim.nic.record.BurstDecoder;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Where the named descriptor readers of queues opened {@linkplain DeviceQueues#openWithNamedReaders with named
 * readers} stand: how many descriptors earlier readers of that name consumed from each RX queue, so a restarted
 * host process can account for the packets a dead one read and return their ring slots. Looks without reading
 * through the named tailer (its position is not moved): counts the descriptors of the documents before its index.
 */
public final class NamedReaderPosition {

    private NamedReaderPosition() {
    }

    /** As {@link #descriptorsConsumed(DeviceQueues, int)} for RX queue 0. */
    public static long descriptorsConsumed(DeviceQueues queues) {
        return descriptorsConsumed(queues, 0);
    }

    /**
     * Call before any reader of that name reads in this process.
     *
     * @return the number of descriptors readers of this name have consumed from RX queue {@code rxQueue} so far
     *         (0 if none ever read)
     * @throws IllegalArgumentException if the queues' readers are anonymous
     */
    public static long descriptorsConsumed(DeviceQueues queues, int rxQueue) {
        if (queues.readerName() == null) {
            throw new IllegalArgumentException("the queues under " + queues.dir() + " have anonymous readers");
        }
        SingleChronicleQueue queue = (SingleChronicleQueue) queues.descriptorQueue(rxQueue);
        long index;
        try (ExcerptTailer named = queue.createTailer(queues.readerName() + "-"
                + DeviceQueues.descriptorFolder(rxQueue))) {
            index = named.index();
        }
        if (index == 0 || queue.lastIndex() < 0) {
            return 0; // a named tailer that never read stands at the start
        }
        // the descriptors of the documents before the one it reads next: a write-back burst counts its descriptors,
        // all of them, as the reader that read it copied it whole (those it had not handled died with its process)
        long consumed = 0;
        try (ExcerptTailer tailer = queue.createTailer(); BurstDecoder burst = new BurstDecoder()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent() || dc.index() >= index) {
                        return consumed;
                    }
                    consumed += burst.readFrom(dc.wire().bytes());
                }
            }
        }
    }
}
