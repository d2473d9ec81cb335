package io.nicsim.firmware.policy;

/**
 * Interrupt coalescing as configured with {@code ethtool -C rx-usecs N rx-frames M}
 * (docs/semantics.md#coalescing): trades
 * up to {@code rxUsecs} of added latency (EQE mode) for fewer interrupts, at most one per {@code rxFrames} packets
 * under load and never two closer than {@code itrNanos}.
 *
 * <p>Semantics ({@code include/uapi/linux/ethtool.h}): an interrupt is due when
 * {@code (rxUsecs > 0 && time since the timer started >= rxUsecs) ||
 * (rxFrames > 0 && un-notified completions >= rxFrames)}. {@link TimerMode#EQE} (the default) starts the timer at
 * the first un-notified completion and never restarts it; {@link TimerMode#CQE} restarts it on every new
 * completion, so a burst fires on the frame count. {@code rxUsecs = 0, rxFrames = 1} behaves like
 * {@link PerPacketPolicy}. With {@code rxUsecs = 0} and {@code rxFrames > 1} no timer exists and the last
 * completions of a burst wait for the next frames, exactly as on a real NIC; the same holds in CQE mode with
 * {@code rxFrames = 0} while completions keep coming closer than {@code rxUsecs}.
 *
 * <p>Minimum gap ({@code ITR}, gem5 IGbE, i40e): when a raise is due less than {@code itrNanos} after the last
 * raise, it waits until {@code lastRaised + itrNanos}; {@link #onTimer(long)} fires then and
 * {@link #nextTimerNanos()} reports it. Raising cancels every pending timer. Latency bound: EQE,
 * {@code max(rxUsecs, itrNanos)}; CQE with {@code rxFrames > 0}, {@code max((rxFrames - 1) * rxUsecs, itrNanos)}.
 */
public final class CoalescePolicy implements NotificationPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "coalesce";

    /** The largest timer: its nanoseconds still fit a long. */
    public static final long MAX_RX_USECS = Long.MAX_VALUE / 1_000L;

    /** The largest minimum gap, 1 s: far above any real ITR (i40e's largest is 8.16 ms) and safe from overflow. */
    public static final long MAX_ITR_NANOS = 1_000_000_000L;

    private final long rxUsecs;
    private final int rxFrames;
    private final TimerMode timerMode;
    private final long itrNanos;
    private final CoalesceEngine engine;

    /**
     * EQE timer mode, no minimum gap.
     *
     * @see #CoalescePolicy(long, int, TimerMode, long)
     */
    public CoalescePolicy(long rxUsecs, int rxFrames) {
        this(rxUsecs, rxFrames, TimerMode.EQE, 0);
    }

    /**
     * @param rxUsecs   the timer in microseconds; 0 disables it
     * @param rxFrames  the number of un-notified completions that raises an interrupt; 0 disables the count
     * @param timerMode when the timer starts: at the first un-notified completion (EQE) or at the latest (CQE)
     * @param itrNanos  the minimum gap between two interrupts in nanoseconds; 0 = none
     * @throws IllegalArgumentException if a value is negative or too large, the mode is null, or both rxUsecs and
     *                                  rxFrames are 0 (nothing would ever fire); the message names the scenario key
     */
    public CoalescePolicy(long rxUsecs, int rxFrames, TimerMode timerMode, long itrNanos) {
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
        if (timerMode == null) {
            throw new IllegalArgumentException("firmware.timerMode must be eqe or cqe, got null");
        }
        if (itrNanos < 0 || itrNanos > MAX_ITR_NANOS) {
            throw new IllegalArgumentException(
                    "firmware.itrNanos must be in [0, " + MAX_ITR_NANOS + "], got " + itrNanos);
        }
        this.rxUsecs = rxUsecs;
        this.rxFrames = rxFrames;
        this.timerMode = timerMode;
        this.itrNanos = itrNanos;
        this.engine = new CoalesceEngine(rxUsecs * 1_000L, rxFrames, timerMode, itrNanos);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean onCompletion(long nowNanos, int frameBytes) {
        return engine.onCompletion(nowNanos);
    }

    @Override
    public boolean onTimer(long nowNanos) {
        return engine.onTimer(nowNanos);
    }

    @Override
    public void onRaised(long nowNanos) {
        engine.onRaised(nowNanos);
    }

    @Override
    public int pendingCompletions() {
        return engine.pendingCompletions();
    }

    @Override
    public long nextTimerNanos() {
        return engine.nextTimerNanos();
    }

    /** @return the timer in microseconds (0 = none) */
    public long rxUsecs() {
        return rxUsecs;
    }

    /** @return the frame count (0 = none) */
    public int rxFrames() {
        return rxFrames;
    }

    /** @return when the timer starts */
    public TimerMode timerMode() {
        return timerMode;
    }

    /** @return the minimum gap between two interrupts in nanoseconds (0 = none) */
    public long itrNanos() {
        return itrNanos;
    }
}
