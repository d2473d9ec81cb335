package io.nicsim.firmware.driver;

/**
 * NAPI with hard-IRQ deferral ({@code napi_defer_hard_irqs}, {@code gro_flush_timeout}; docs/semantics.md#napi,
 * "Hard-IRQ deferral"): trades up to {@code groFlushTimeoutNanos} of added latency per deferred poll, and the CPU of
 * timer-driven polls that may find nothing, for fewer interrupts and re-arm doorbells under steady load.
 *
 * <p>Semantics of Linux's {@code napi_complete_done}: a poll that did work reloads a counter to
 * {@code deferHardIrqs} (the counter starts at 0); a poll that uses up its budget polls again at once
 * ({@link Action#POLL_NOW}); a poll that drains the ring, while the counter is above 0, counts it down and, if
 * {@code groFlushTimeoutNanos > 0}, keeps the interrupt masked and polls again after that timeout
 * ({@link Action#POLL_AT}); otherwise it re-arms the interrupt ({@link Action#REARM_AND_WAIT_INTERRUPT}). So after
 * the last poll with work, {@code deferHardIrqs} timer polls run before the interrupt is re-armed, the first of
 * them set by that poll itself. With {@code deferHardIrqs = 0}, or {@code groFlushTimeoutNanos = 0}, it behaves
 * exactly like {@link NapiDriver}.
 *
 * <p>One simplification: Linux reloads the counter only in {@code napi_complete_done}, which a poll that used up
 * its budget does not call; here, as docs/semantics.md#napi states it, any poll that took packets reloads it. The two
 * differ only when a poll that used up its budget is followed by an empty one.
 */
public final class NapiDeferDriver implements DriverPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "napi-defer";

    private final int budget;
    private final HardIrqDeferral deferral;

    /**
     * @param budget               the most packets one poll takes, {@code >= 1} ({@link NapiDriver#DEFAULT_BUDGET})
     * @param deferHardIrqs        how many polls in a row may defer the re-arm, {@code >= 0} (Linux default 0)
     * @param groFlushTimeoutNanos the deferral timer, {@code >= 0} (Linux default 0: no deferral)
     * @throws IllegalArgumentException for a value out of range; the message names {@code firmware.budget},
     *                                  {@code firmware.deferHardIrqs} or {@code firmware.groFlushTimeoutNanos}
     */
    public NapiDeferDriver(int budget, int deferHardIrqs, long groFlushTimeoutNanos) {
        this.budget = Checks.atLeast("firmware.budget", budget, 1);
        this.deferral = new HardIrqDeferral(deferHardIrqs, groFlushTimeoutNanos);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int budget() {
        return budget;
    }

    @Override
    public boolean startsPolling() {
        return false;
    }

    @Override
    public void onInterrupt(long nowNanos) {
    }

    /** @throws IllegalArgumentException if {@code packets} is outside {@code [0, budget()]} */
    @Override
    public Action afterPoll(int packets, long nowNanos) {
        Checks.packets(packets, budget);
        return deferral.afterPoll(packets, budget, nowNanos);
    }

    /**
     * @return the deferral timer's expiry named by the last {@link Action#POLL_AT}; {@code Long.MAX_VALUE} before one
     */
    @Override
    public long wakeAtNanos() {
        return deferral.wakeAtNanos();
    }

    /** @return how many times a drained poll armed the deferral timer instead of re-arming the interrupt */
    public long deferrals() {
        return deferral.deferrals();
    }
}
