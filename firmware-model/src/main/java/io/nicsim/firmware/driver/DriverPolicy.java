package io.nicsim.firmware.driver;

/**
 * The host side of notification: what the driver (and the consumer that runs it) does after each poll of the
 * RX ring: poll again, sleep until a timer, re-arm the interrupt and sleep until it fires, or keep spinning.
 * The device side is a {@link io.nicsim.firmware.policy.NotificationPolicy}; a
 * {@link io.nicsim.firmware.policy.Policy} pairs the two.
 *
 * <p>Contract, for the consumer loop that drives it (one thread, time passed in, no allocation):
 * <ol>
 *   <li>the loop starts waiting for an interrupt, or polling at once if {@link #startsPolling()};</li>
 *   <li>when an interrupt wakes it, the loop calls {@link #onInterrupt(long)} and polls;</li>
 *   <li>each poll takes at most {@link #budget()} packets; then the loop calls {@link #afterPoll(int, long)}
 *       with the number it took, and does what the returned {@link Action} says; for the actions that name a
 *       time, {@link #wakeAtNanos()} is that time.</li>
 * </ol>
 */
public interface DriverPolicy {

    /** What the consumer loop does next. */
    enum Action {
        /** Poll again now (budget used up, or busy polling). */
        POLL_NOW,
        /**
         * Sleep until {@link #wakeAtNanos()}, then poll (a deferral timer, a short pause); the interrupt stays masked.
         */
        POLL_AT,
        /** Sleep until an interrupt; the interrupt needs no re-arm (it was never masked). */
        WAIT_INTERRUPT,
        /** Write a re-arm doorbell, then sleep until an interrupt. */
        REARM_AND_WAIT_INTERRUPT,
        /**
         * Write a re-arm doorbell, then sleep until an interrupt or {@link #wakeAtNanos()}, whichever comes first;
         * then write a disarm doorbell and poll (DPDK's epoll with a timeout).
         */
        REARM_AND_WAIT_INTERRUPT_UNTIL
    }

    /** @return the driver policy's name, e.g. {@code napi} */
    String name();

    /** @return the most packets one poll may take ({@code Integer.MAX_VALUE}: drain the ring) */
    int budget();

    /** @return {@code true} if the consumer polls from the start instead of waiting for a first interrupt */
    boolean startsPolling();

    /**
     * An interrupt woke the consumer.
     *
     * @param nowNanos when it woke
     */
    void onInterrupt(long nowNanos);

    /**
     * A poll finished.
     *
     * @param packets  how many packets it took (0 to {@link #budget()})
     * @param nowNanos when it finished
     * @return what to do next
     */
    Action afterPoll(int packets, long nowNanos);

    /** @return the time named by the last {@link Action#POLL_AT} or {@link Action#REARM_AND_WAIT_INTERRUPT_UNTIL} */
    long wakeAtNanos();
}
