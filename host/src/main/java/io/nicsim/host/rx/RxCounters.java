package io.nicsim.host.rx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where packets are on the host side, for the run's accounting: read from the ring by the driver, and dropped
 * after that because the application's buffer was full ({@code socket-full}, as a kernel counts receive-buffer
 * errors). Packets read and neither dropped nor handled are still in the application at the end of a run. Each
 * counter has one writer (the driver's thread); any thread reads.
 */
public final class RxCounters {

    private final AtomicLong read = new AtomicLong();
    private final AtomicLong socketFull = new AtomicLong();

    /** Driver thread: {@code count} more packets read from the ring. */
    public void addRead(int count) {
        read.lazySet(read.get() + count);
    }

    /** Driver thread: one more packet dropped because its application buffer was full. */
    public void addSocketFull() {
        socketFull.lazySet(socketFull.get() + 1);
    }

    public long read() {
        return read.get();
    }

    public long socketFull() {
        return socketFull.get();
    }
}
