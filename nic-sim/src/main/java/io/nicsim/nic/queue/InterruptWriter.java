package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.port.InterruptSink;
import io.nicsim.nic.record.InterruptRecord;
import io.nicsim.nic.record.RecordFormat;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** The device raising interrupts into the interrupt queue. One thread; no allocation per record. */
public final class InterruptWriter implements InterruptSink {

    private final ExcerptAppender appender;
    private final NanoClock clock;
    private final BytesStore<?, Void> scratch = BytesStore.nativeStoreWithFixedCapacity(RecordFormat.INTERRUPT_BYTES);
    private final long scratchAddress = scratch.addressForWrite(0);

    InterruptWriter(ExcerptAppender appender, NanoClock clock) {
        this.appender = appender;
        this.clock = clock;
    }

    /**
     * Appends one interrupt record, stamped with when it was actually appended: encoded into a native buffer first and
     * copied in at once, as {@link DescriptorWriter} does.
     */
    @Override
    public void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
        InterruptRecord.encodeHead(scratchAddress, vector, sequence, firstPacketId, lastPacketId, raisedNanos);
        try (DocumentContext dc = appender.writingDocument()) {
            InterruptRecord.encodeAppendedNanos(scratchAddress, clock.nanoTime());
            dc.wire().bytes().unsafeWrite(scratchAddress, RecordFormat.INTERRUPT_BYTES);
        }
    }

    @Override
    public void close() {
        appender.close();
        scratch.releaseLast();
    }
}
