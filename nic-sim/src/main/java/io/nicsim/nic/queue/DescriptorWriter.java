package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.record.DescriptorRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** The device's DMA of RX descriptors into the descriptor queue. One thread; no allocation per record. */
public final class DescriptorWriter implements AutoCloseable {

    private final ExcerptAppender appender;
    private final NanoClock clock;

    DescriptorWriter(ExcerptAppender appender, NanoClock clock) {
        this.appender = appender;
        this.clock = clock;
    }

    /**
     * Appends one descriptor; the {@code written} stamp is taken last, just before the record is published.
     *
     * @return the {@code written} stamp
     */
    public long write(int queue, long packetId, int flow, int frameBytes,
                      long intendedNanos, long injectedNanos, long detectedNanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            DescriptorRecord.writeHead(bytes, queue, packetId, flow, frameBytes, intendedNanos, injectedNanos, detectedNanos);
            long writtenNanos = clock.nanoTime();
            DescriptorRecord.writeWrittenNanos(bytes, writtenNanos);
            return writtenNanos;
        }
    }

    @Override
    public void close() {
        appender.close();
    }
}
