package io.nicsim.nic.queue;

import io.nicsim.nic.record.BurstDecoder;
import io.nicsim.nic.record.DescriptorRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The host driver's view of the RX ring: reads descriptors in order. A write-back burst is one document, read once
 * and copied ({@link BurstDecoder}); its descriptors are then handed out one by one from the copy, with no Chronicle
 * call, across as many polls as the driver's budget takes (the reader keeps its place). One thread; no allocation per
 * descriptor or burst.
 */
public final class DescriptorReader implements AutoCloseable {

    private final ExcerptTailer tailer;
    private final BurstDecoder burst = new BurstDecoder();
    private final DescriptorRecord record = new DescriptorRecord();
    private long documents;

    /** A reader over {@code tailer}'s descriptor queue (for the calling thread, as the tailer). */
    public DescriptorReader(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /**
     * @return the next descriptor (a flyweight, valid until the next call), or {@code null} if none is visible
     * @throws io.nicsim.nic.record.RecordFormatException if the queue holds a record this build cannot read
     */
    public DescriptorRecord poll() {
        if (burst.hasNext()) {
            return burst.next(record);
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            burst.readFrom(dc.wire().bytes());
        }
        documents++;
        return burst.next(record);
    }

    /** @return descriptors of the last document read not yet handed out (0 when the reader is between documents) */
    public int leftInBurst() {
        return burst.remaining();
    }

    /** @return documents read so far: lone descriptors and write-back bursts */
    public long documentsRead() {
        return documents;
    }

    @Override
    public void close() {
        try {
            tailer.close();
        } finally {
            burst.close();
        }
    }
}
