package io.nicsim.nic.queue;

import io.nicsim.nic.record.InterruptRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/** The host's interrupt controller view: reads interrupts in order. One thread; no allocation per record. */
public final class InterruptReader implements AutoCloseable {

    private final ExcerptTailer tailer;
    private final InterruptRecord record = new InterruptRecord();

    InterruptReader(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /**
     * @return the next interrupt (a flyweight, valid until the next call), or {@code null} if none is visible
     * @throws io.nicsim.nic.record.RecordFormatException if the queue holds a record this build cannot read
     */
    public InterruptRecord poll() {
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
