package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.record.DoorbellRecord;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** The host driver ringing the device's doorbell. One thread; no allocation per record. */
public final class DoorbellWriter implements AutoCloseable {

    private final ExcerptAppender appender;
    private final NanoClock clock;
    private long nextSequence;

    DoorbellWriter(ExcerptAppender appender, NanoClock clock) {
        this.appender = appender;
        this.clock = clock;
    }

    /**
     * @param kind             {@link DoorbellRecord#REARM} or {@link DoorbellRecord#DISARM}
     * @param consumedPacketId the last packet the host consumed, -1 if none
     */
    public void ring(int queue, int kind, long consumedPacketId) {
        try (DocumentContext dc = appender.writingDocument()) {
            DoorbellRecord.write(dc.wire().bytes(), queue, nextSequence++, kind, consumedPacketId, clock.nanoTime());
        }
    }

    @Override
    public void close() {
        appender.close();
    }
}
