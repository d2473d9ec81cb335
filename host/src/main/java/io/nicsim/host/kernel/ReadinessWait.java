package io.nicsim.host.kernel;

/**
 * Where a thread blocks until one of a set of file descriptors is ready: {@link Epoll}, or a fake in tests. Each
 * descriptor was registered with a token that {@link #readyToken(int)} gives back. One thread waits at a time.
 */
public interface ReadinessWait {

    /** {@link #await(long)}'s timeout for no limit. */
    long FOREVER = -1;

    /**
     * Blocks until a descriptor is ready, the timeout passes, or a signal interrupts the call.
     *
     * @param timeoutNanos {@link #FOREVER} (any negative value) for no limit, 0 to look without blocking, else the
     *                     longest wait
     * @return descriptors ready (0: timed out or interrupted)
     */
    int await(long timeoutNanos);

    /** @return the token of ready descriptor {@code index} (0 &lt;= index &lt; the last await's count) */
    long readyToken(int index);

    /** @return waits made so far: each one system call (any thread may read it) */
    long waits();
}
