package io.nicsim.nic.queue;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.port.DescriptorSink;
import io.nicsim.nic.record.BurstEncoder;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.util.MicroTouched;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The device's DMA of RX descriptors into the descriptor queue, one document per write-back burst (a lone descriptor
 * for a burst of one). One thread; no allocation per descriptor or burst.
 *
 * <p>Descriptors are encoded into a small native buffer as they are added ({@link BurstEncoder}) and a burst is
 * appended with one copy: one bounds and thread check instead of one per field, and the document stays open (its
 * header marked "not ready" to the host's tailer, which spins on that cache line) for the copy only. Measured with JMH
 * ({@code RecordAppendBenchmark}) and the floor benchmark.
 */
public final class DescriptorWriter implements DescriptorSink {

    private final ExcerptAppender appender;
    private final NanoClock clock;
    private final BurstEncoder burst = new BurstEncoder();

    DescriptorWriter(ExcerptAppender appender, NanoClock clock) {
        this.appender = appender;
        this.clock = clock;
    }

    @Override
    public void add(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                    long injectedNanos, long detectedNanos, long writtenNanos) {
        burst.add(queue, packetId, flow, frameBytes, trafficClass, intendedNanos, injectedNanos, detectedNanos,
                writtenNanos);
    }

    /** Appends the open burst; the {@code appended} stamp is taken last, just before the record is published. */
    @Override
    public void writeBack(long writtenBackNanos) {
        int bytes = burst.seal(writtenBackNanos);
        if (bytes == 0) {
            return;
        }
        try (DocumentContext dc = appender.writingDocument()) {
            burst.stampAppended(clock.nanoTime());
            dc.wire().bytes().unsafeWrite(burst.address(), bytes);
        }
        burst.clear();
    }

    /** Appends one descriptor, written back at its own DMA time (a burst of one; tools and tests). */
    public void write(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                      long injectedNanos, long detectedNanos, long writtenNanos) {
        add(queue, packetId, flow, frameBytes, trafficClass, intendedNanos, injectedNanos, detectedNanos,
                writtenNanos);
        writeBack(writtenNanos);
    }

    /**
     * Touches the queue's next page ahead of the write position, if not done yet (Chronicle's
     * {@code microTouch}): call it when the device thread is idle, so the page fault of a fresh page of the
     * memory-mapped queue (about 2.4 µs on tmpfs on this project's VM) is taken there and not in a descriptor's
     * DMA. Cheap when there is nothing to touch.
     *
     * @return whether a page was touched
     */
    @Override
    public boolean touchAhead() {
        return appender instanceof MicroTouched touched && touched.microTouch();
    }

    @Override
    public void close() {
        appender.close();
        burst.close();
    }
}
