package io.nicsim.nic.queue;

import io.nicsim.nic.port.DoorbellSource;
import io.nicsim.nic.record.DoorbellRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/** The device's view of its doorbell register: reads doorbells in order. One thread; no allocation per record. */
public final class DoorbellReader implements DoorbellSource {

    private final ExcerptTailer tailer;
    private final DoorbellRecord record = new DoorbellRecord();

    DoorbellReader(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /**
     * @return the next doorbell (a flyweight, valid until the next call), or {@code null} if none is visible
     * @throws io.nicsim.nic.record.RecordFormatException if the queue holds a record this build cannot read
     */
    @Override
    public DoorbellRecord poll() {
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
