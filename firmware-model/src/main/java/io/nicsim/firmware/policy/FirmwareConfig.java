package io.nicsim.firmware.policy;

/**
 * The firmware's and driver's tunables as one value: the policy by name and every policy's parameters, with
 * units in their names. Each policy reads the fields it uses; {@link PolicyFactory} validates them.
 *
 * @param policy                     the policy name (see {@link PolicyFactory#NAMES})
 * @param rxUsecs                    coalesce: timer in microseconds (0 = off)
 * @param rxFrames                   coalesce: frame count (0 = off)
 * @param timerMode                  coalesce: {@code eqe} (timer from the first completion) or {@code cqe} (restarted
 *                                   by every completion)
 * @param itrNanos                   coalesce: minimum gap between two interrupts (0 = none)
 * @param pollIntervalNanos          how often the firmware polls its MAC for arrivals (0 = continuously)
 * @param budget                     napi family: most packets per poll
 * @param deferHardIrqs              napi-defer, irq-suspend: empty polls before the IRQ is re-armed
 * @param groFlushTimeoutNanos       napi-defer, irq-suspend: the deferral timer
 * @param irqSuspendTimeoutNanos     irq-suspend: the safety-net timeout while the application busy-polls
 * @param dimMode                    dim: {@code eqe} or {@code cqe} profile table
 * @param itrMode                    adaptive-itr: {@code dynamic-conservative} (no lowest-latency class) or
 *                                   {@code dynamic}
 * @param burst                      poll-mode, hybrid-poll: most packets per poll
 * @param hybridPauseAfterEmptyPolls hybrid-poll: empty polls in a row before pausing between polls
 * @param hybridSleepAfterEmptyPolls hybrid-poll: empty polls in a row before arming the interrupt and sleeping
 * @param hybridPauseNanos           hybrid-poll: the pause between polls
 * @param hybridSleepTimeoutNanos    hybrid-poll: longest sleep waiting for the interrupt
 * @param busyPollNanos              irq-suspend: how long the application's busy poll goes on finding nothing before
 *                                   it sleeps and the suspension ends (epoll's {@code busy_poll_usecs}; 0: at the
 *                                   first empty poll)
 */
public record FirmwareConfig(String policy, long rxUsecs, int rxFrames, String timerMode, long itrNanos,
                             long pollIntervalNanos, int budget, int deferHardIrqs, long groFlushTimeoutNanos,
                             long irqSuspendTimeoutNanos, String dimMode, String itrMode, int burst,
                             int hybridPauseAfterEmptyPolls, int hybridSleepAfterEmptyPolls, long hybridPauseNanos,
                             long hybridSleepTimeoutNanos, long busyPollNanos) {

    /** Settings without an irq-suspend busy-poll window ({@code busyPollNanos} 0). */
    public FirmwareConfig(String policy, long rxUsecs, int rxFrames, String timerMode, long itrNanos,
                          long pollIntervalNanos, int budget, int deferHardIrqs, long groFlushTimeoutNanos,
                          long irqSuspendTimeoutNanos, String dimMode, String itrMode, int burst,
                          int hybridPauseAfterEmptyPolls, int hybridSleepAfterEmptyPolls, long hybridPauseNanos,
                          long hybridSleepTimeoutNanos) {
        this(policy, rxUsecs, rxFrames, timerMode, itrNanos, pollIntervalNanos, budget, deferHardIrqs,
                groFlushTimeoutNanos, irqSuspendTimeoutNanos, dimMode, itrMode, burst, hybridPauseAfterEmptyPolls,
                hybridSleepAfterEmptyPolls, hybridPauseNanos, hybridSleepTimeoutNanos, 0);
    }

    /**
     * Defaults: one interrupt per packet. Coalescing as i40e/ice ship it ({@code rx-usecs 50}); NAPI's weight
     * 64; deferral with a 20 µs timer (docs/semantics.md#napi); DPDK's burst 32 and
     * l3fwd-power thresholds (docs/semantics.md#polling); e1000e's default dynamic-conservative ITR.
     */
    public static final FirmwareConfig DEFAULTS = new FirmwareConfig(PerPacketPolicy.NAME, 50, 64, "eqe", 0, 0,
            64, 2, 20_000, 20_000_000, "eqe", "dynamic-conservative", 32, 10, 300, 1_000, 10_000_000);

    /** @return a copy with another policy name, the parameters unchanged */
    public FirmwareConfig withPolicy(String name) {
        return new FirmwareConfig(name, rxUsecs, rxFrames, timerMode, itrNanos, pollIntervalNanos, budget,
                deferHardIrqs, groFlushTimeoutNanos, irqSuspendTimeoutNanos, dimMode, itrMode, burst,
                hybridPauseAfterEmptyPolls, hybridSleepAfterEmptyPolls, hybridPauseNanos, hybridSleepTimeoutNanos,
                busyPollNanos);
    }

    /** @return a copy with other coalescing settings */
    public FirmwareConfig withCoalescing(long newRxUsecs, int newRxFrames) {
        return new FirmwareConfig(policy, newRxUsecs, newRxFrames, timerMode, itrNanos, pollIntervalNanos, budget,
                deferHardIrqs, groFlushTimeoutNanos, irqSuspendTimeoutNanos, dimMode, itrMode, burst,
                hybridPauseAfterEmptyPolls, hybridSleepAfterEmptyPolls, hybridPauseNanos, hybridSleepTimeoutNanos,
                busyPollNanos);
    }

    /** @return a copy with another MAC poll interval */
    public FirmwareConfig withPollIntervalNanos(long newPollIntervalNanos) {
        return new FirmwareConfig(policy, rxUsecs, rxFrames, timerMode, itrNanos, newPollIntervalNanos, budget,
                deferHardIrqs, groFlushTimeoutNanos, irqSuspendTimeoutNanos, dimMode, itrMode, burst,
                hybridPauseAfterEmptyPolls, hybridSleepAfterEmptyPolls, hybridPauseNanos, hybridSleepTimeoutNanos,
                busyPollNanos);
    }
}
