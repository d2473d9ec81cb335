package io.nicsim.firmware.policy;

/**
 * Interrupt coalescing as configured with {@code ethtool -C rx-usecs N rx-frames M}: trades up to
 * {@code rxUsecs} of added latency for fewer interrupts (at most one per {@code rxFrames} packets under load).
 *
 * <p>Semantics (REFERENCE section 2, {@code include/uapi/linux/ethtool.h}): an interrupt fires when
 * {@code (rxUsecs > 0 && time since the first un-notified completion >= rxUsecs) ||
 * (rxFrames > 0 && un-notified completions >= rxFrames)}. The timer starts at the first un-notified completion
 * and is not restarted by later ones (the EQE timer mode of mlx5 and hns3). {@code rxUsecs = 0, rxFrames = 1}
 * behaves like {@link PerPacketPolicy}. With {@code rxUsecs = 0} and {@code rxFrames > 1} no timer exists and
 * the last completions of a burst wait for the next frames, exactly as on a real NIC.
 */
public final class CoalescePolicy implements NotificationPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "coalesce";

    /** The largest timer: its nanoseconds still fit a long. */
    public static final long MAX_RX_USECS = Long.MAX_VALUE / 1_000L;

    private final long rxNanos;
    private final int rxFrames;

    private int pendingCompletions;
    private long firstPendingNanos;

    /**
     * @param rxUsecs  the timer in microseconds from the first un-notified completion; 0 disables it
     * @param rxFrames the number of un-notified completions that raises an interrupt; 0 disables the count
     * @throws IllegalArgumentException if a value is negative or both are 0 (nothing would ever fire)
     */
    public CoalescePolicy(long rxUsecs, int rxFrames) {
        if (rxUsecs < 0 || rxUsecs > MAX_RX_USECS) {
            throw new IllegalArgumentException("firmware.rxUsecs must be in [0, " + MAX_RX_USECS + "], got " + rxUsecs);
        }
        if (rxFrames < 0) {
            throw new IllegalArgumentException("firmware.rxFrames must be >= 0, got " + rxFrames);
        }
        if (rxUsecs == 0 && rxFrames == 0) {
            throw new IllegalArgumentException(
                    "firmware.rxUsecs and firmware.rxFrames are both 0: no interrupt would ever fire");
        }
        this.rxNanos = rxUsecs * 1_000L;
        this.rxFrames = rxFrames;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean onCompletion(long nowNanos) {
        if (pendingCompletions++ == 0) {
            firstPendingNanos = nowNanos;
        }
        return (rxFrames > 0 && pendingCompletions >= rxFrames) || timerExpired(nowNanos);
    }

    @Override
    public boolean onTimer(long nowNanos) {
        return pendingCompletions > 0 && timerExpired(nowNanos);
    }

    private boolean timerExpired(long nowNanos) {
        return rxNanos > 0 && nowNanos - firstPendingNanos >= rxNanos;
    }

    @Override
    public void onRaised(long nowNanos) {
        pendingCompletions = 0;
    }

    @Override
    public int pendingCompletions() {
        return pendingCompletions;
    }

    @Override
    public long nextTimerNanos() {
        return pendingCompletions > 0 && rxNanos > 0 ? firstPendingNanos + rxNanos : NO_TIMER;
    }
}
