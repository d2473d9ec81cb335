package io.nicsim.host.rx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where packets are on the host side, for the run's accounting: read from the ring by the driver, and dropped
 * after that because the application's buffer was full ({@code socket-full}, as a kernel counts receive-buffer
 * errors). Packets read and neither dropped nor handled are still in the application at the end of a run. Drivers of
 * several queues may add at once (one atomic add per poll, not per packet); any thread reads.
 */
public final class RxCounters {

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong socketFull = new AtomicLong();

    /** A driver: {@code count} more packets read from a ring. */
    public void addRead(int count) {
        read.getAndAdd(count);
    }

    /** A driver: one more packet dropped because its application buffer was full. */
    public void addSocketFull() {
        socketFull.getAndIncrement();
    }

    public long read() {
        return read.get();
    }

    public long socketFull() {
        return socketFull.get();
    }
}
