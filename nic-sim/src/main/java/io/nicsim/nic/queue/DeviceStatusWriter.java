package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.record.DeviceStatusRecord;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/** The NIC process reporting its status. One thread; no allocation per record. */
public final class DeviceStatusWriter implements AutoCloseable {

    private final ExcerptAppender appender;
    private final NanoClock clock;
    private long nextSequence;

    DeviceStatusWriter(ExcerptAppender appender, NanoClock clock) {
        this.appender = appender;
        this.clock = clock;
    }

    /**
     * Appends {@code status}, after setting its {@code sequence} and its {@code writtenNanos} (now).
     *
     * @return the {@code writtenNanos} stamp
     */
    public long write(DeviceStatusRecord status) {
        status.sequence = nextSequence++;
        try (DocumentContext dc = appender.writingDocument()) {
            status.writtenNanos = clock.nanoTime();
            status.writeTo(dc.wire().bytes());
        }
        return status.writtenNanos;
    }

    @Override
    public void close() {
        appender.close();
    }
}
