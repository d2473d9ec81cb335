package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.record.InterruptRecord;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** The device raising interrupts into the interrupt queue. One thread; no allocation per record. */
public final class InterruptWriter implements InterruptSink {

    private final ExcerptAppender appender;
    private final NanoClock clock;

    InterruptWriter(ExcerptAppender appender, NanoClock clock) {
        this.appender = appender;
        this.clock = clock;
    }

    /** Appends one interrupt record, stamped with when it was actually appended. */
    @Override
    public void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            InterruptRecord.write(dc.wire().bytes(), vector, sequence, firstPacketId, lastPacketId, raisedNanos,
                    clock.nanoTime());
        }
    }

    @Override
    public void close() {
        appender.close();
    }
}
