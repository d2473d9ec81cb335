package io.nicsim.host.rx;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;
import io.nicsim.nic.queue.DescriptorReader;
import io.nicsim.nic.record.DescriptorRecord;

/**
 * The driver's RX poll on the consumer's thread: reads every visible descriptor, runs the handler and
 * stamps the packet. One per consumer thread (the reader is bound to it); no allocation per packet.
 *
 * <p>A packet's {@code woken} stamp is the wake-up that let the consumer see it; a packet that became
 * visible after that wake-up, while the consumer was already running, is stamped when it was read.
 */
public final class RxDrain implements AutoCloseable {

    /** Pass as {@code wokenNanos} when the consumer never sleeps: every packet is stamped when read. */
    public static final long NOT_WOKEN = Long.MIN_VALUE;

    private final DescriptorReader reader;
    private final PacketHandler handler;
    private final LatencyRecorder recorder;
    private final NanoClock clock;

    public RxDrain(DescriptorReader reader, PacketHandler handler, LatencyRecorder recorder, NanoClock clock) {
        this.reader = reader;
        this.handler = handler;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * Handles every descriptor visible now.
     *
     * @param wokenNanos when the consumer woke for this poll, or {@link #NOT_WOKEN}
     * @return the number of packets handled
     */
    public int drain(long wokenNanos) {
        int count = 0;
        DescriptorRecord descriptor;
        while ((descriptor = reader.poll()) != null) {
            long readNanos = clock.nanoTime();
            long packetWokenNanos = descriptor.writtenNanos <= wokenNanos ? wokenNanos : readNanos;
            handler.handle(descriptor);
            recorder.record(descriptor, packetWokenNanos, clock.nanoTime());
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        reader.close();
    }
}
