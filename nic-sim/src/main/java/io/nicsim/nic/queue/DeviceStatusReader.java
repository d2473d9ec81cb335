package io.nicsim.nic.queue;

import io.nicsim.nic.record.DeviceStatusRecord;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/** A host process's view of the NIC's status: reads status records in order. One thread; no allocation per record. */
public final class DeviceStatusReader implements AutoCloseable {

    private final ExcerptTailer tailer;
    private final DeviceStatusRecord record = new DeviceStatusRecord();

    DeviceStatusReader(ExcerptTailer tailer) {
        this.tailer = tailer;
    }

    /**
     * @return the next status record (a flyweight, valid until the next call), or {@code null} if none is visible
     * @throws io.nicsim.nic.record.RecordFormatException if the queue holds a record this build cannot read
     */
    public DeviceStatusRecord poll() {
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
