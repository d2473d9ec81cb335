package io.nicsim.nic.queue;

import io.nicsim.nic.record.InterruptRecord;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** The device raising interrupts into the interrupt queue. One thread; no allocation per record. */
public final class InterruptWriter implements AutoCloseable {

    private final ExcerptAppender appender;

    InterruptWriter(ExcerptAppender appender) {
        this.appender = appender;
    }

    public void write(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            InterruptRecord.write(dc.wire().bytes(), vector, sequence, firstPacketId, lastPacketId, raisedNanos);
        }
    }

    @Override
    public void close() {
        appender.close();
    }
}
