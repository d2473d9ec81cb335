package io.nicsim.handler;

/** What a handler is told when it is opened: where it runs, and the run's clock and timer. */
public interface HandlerContext {

    /** @return the consumer's name as in scenario files, e.g. {@code platform-thread}, {@code event-loop} */
    String consumer();

    /**
     * @return how the consumer's threads wait for packets: {@code spin} (the busy-poll baseline: never leaves its
     *         core), {@code park} (platform or virtual threads) or {@code loop} (an event loop, which must not block)
     */
    String waitsBy();

    /** @return whether {@code handle} is called on an event loop, where blocking holds up every packet behind it */
    boolean onEventLoop();

    /** @return the most threads that may call {@code handle} at once (1 for a single thread or loop) */
    int threads();

    /** @return the RX queues of the device (packets of each queue are handed over in arrival order) */
    int queues();

    /** @return the run's clock, in nanoseconds: the clock of every {@link Packet} stamp */
    long nanoTime();

    /**
     * Completes {@code completion} after {@code delayNanos} (at once if not positive), on the consumer's own timer: a
     * Vert.x timer on the calling context when called on one (an event loop, a virtual-thread verticle; the loop is
     * free meanwhile and the completion runs on it), a scheduler thread of the run's otherwise. Stands in for a
     * non-blocking call to a service that answers after that long.
     */
    void completeAfter(long delayNanos, Completion completion);
}
