package io.nicsim.firmware.policy;

/**
 * The device side of notification: decides when the firmware raises an interrupt for completions
 * (descriptors) it has made visible to the host. The host side, what the driver does after each poll of the
 * ring, is a {@link io.nicsim.firmware.driver.DriverPolicy}; a {@link Policy} pairs the two.
 *
 * <p>Contract, for the firmware loop that drives a policy (one thread, time passed in, no allocation):
 * <ol>
 *   <li>after each descriptor it writes, the loop calls {@link #onCompletion(long, int)}; {@code true} means
 *       "raise an interrupt now";</li>
 *   <li>on every loop turn it calls {@link #onTimer(long)}, which answers {@code true} when a moderation
 *       timer has expired with completions still un-notified;</li>
 *   <li>whenever it raises an interrupt it calls {@link #onRaised(long)}, which marks every pending
 *       completion as notified and disarms the timers; a policy whose interrupt auto-masks (NAPI) is then
 *       {@link #masked()} until the host re-arms it;</li>
 *   <li>when the host's doorbell re-arms the interrupt the loop calls {@link #onRearm(long, long)}, which
 *       answers {@code true} if completions the host has not consumed are waiting (the missed-IRQ rule: no
 *       packet may rot in the ring); a doorbell that disarms it calls {@link #onDisarm(long)}.</li>
 * </ol>
 * A masked policy never answers {@code true}. {@link #nextTimerNanos()} lets a loop that is not spinning sleep
 * until the next possible expiry. Implementations are small state machines over primitives; see the shared
 * contract test.
 */
public interface NotificationPolicy {

    /** Returned by {@link #nextTimerNanos()} when no timer is armed. */
    long NO_TIMER = Long.MAX_VALUE;

    /** @return the policy's name as used in scenario files and output, e.g. {@code coalesce} */
    String name();

    /**
     * A descriptor became visible to the host.
     *
     * @param nowNanos   the time it was written
     * @param frameBytes the size of the packet it describes (adaptive policies count bytes)
     * @return {@code true} if the firmware must raise an interrupt now
     */
    boolean onCompletion(long nowNanos, int frameBytes);

    /**
     * A loop turn: checks the moderation timers.
     *
     * @param nowNanos the current time
     * @return {@code true} if a timer expired and the firmware must raise an interrupt now
     */
    boolean onTimer(long nowNanos);

    /**
     * The firmware raised an interrupt: all pending completions are now notified.
     *
     * @param nowNanos the time the interrupt was raised
     */
    void onRaised(long nowNanos);

    /** @return completions written but not yet covered by an interrupt */
    int pendingCompletions();

    /** @return the earliest time at which {@link #onTimer(long)} can answer {@code true}, or {@link #NO_TIMER} */
    long nextTimerNanos();

    /** @return {@code true} while the interrupt is masked (the policy raises nothing until re-armed) */
    default boolean masked() {
        return false;
    }

    /**
     * The host re-armed (unmasked) the interrupt through the doorbell.
     *
     * @param nowNanos              when the device saw the doorbell
     * @param unconsumedCompletions completions written that the host had not consumed when it re-armed
     * @return {@code true} if the firmware must raise an interrupt now (completions are waiting)
     */
    default boolean onRearm(long nowNanos, long unconsumedCompletions) {
        return false;
    }

    /**
     * The host disarmed (masked) the interrupt through the doorbell, as a poll-mode application does when it
     * resumes polling.
     *
     * @param nowNanos when the device saw the doorbell
     */
    default void onDisarm(long nowNanos) {
    }
}
