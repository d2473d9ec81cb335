package io.nicsim.nic.queue;

import io.nicsim.nic.record.DescriptorRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/** The host driver's view of the RX ring: reads descriptors in order. One thread; no allocation per record. */
public final class DescriptorReader implements AutoCloseable {

    private final ExcerptTailer tailer;
    private final DescriptorRecord record = new DescriptorRecord();

    DescriptorReader(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /**
     * @return the next descriptor (a flyweight, valid until the next call), or {@code null} if none is visible
     * @throws io.nicsim.nic.record.RecordFormatException if the queue holds a record this build cannot read
     */
    public DescriptorRecord poll() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            return record.readFrom(dc.wire().bytes());
        }
    }

    @Override
    public void close() {
        tailer.close();
    }
}
