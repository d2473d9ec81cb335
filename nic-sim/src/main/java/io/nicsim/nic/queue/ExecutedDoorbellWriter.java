package io.nicsim.nic.queue;

import io.nicsim.nic.port.DoorbellLog;
import io.nicsim.nic.record.DoorbellRecord;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The device's journal of executed doorbells: doorbell records in the queue {@value DeviceQueues#DOORBELLS_EXECUTED},
 * each stamped with the model time at which the device executed it. One thread; no allocation per record.
 */
public final class ExecutedDoorbellWriter implements DoorbellLog {

    private final ExcerptAppender appender;
    private long nextSequence;

    ExecutedDoorbellWriter(ExcerptAppender appender) {
        this.appender = appender;
    }

    @Override
    public void executed(int queue, int kind, long consumedPacketId, long modelNanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            DoorbellRecord.write(dc.wire().bytes(), queue, nextSequence++, kind, consumedPacketId, modelNanos);
        }
    }

    @Override
    public void close() {
        appender.close();
    }
}
