package io.nicsim.firmware.driver;

import io.nicsim.firmware.driver.DriverPolicy.Action;

/**
 * The hard-IRQ deferral rule of Linux's {@code napi_complete_done} (docs/semantics.md#napi), shared by
 * {@link NapiDeferDriver} and {@link IrqSuspendDriver}: a poll that did work reloads a counter to
 * {@code deferHardIrqs}; a poll that drained the ring, while the counter is above 0, counts it down and, if
 * {@code groFlushTimeoutNanos > 0}, polls again after that timeout with the IRQ still masked instead of
 * re-arming it. The counter starts at 0, as the kernel zeroes the {@code napi_struct}.
 */
final class HardIrqDeferral {

    private final int deferHardIrqs;
    private final long groFlushTimeoutNanos;

    private int deferCount;
    private long wakeAtNanos = Long.MAX_VALUE;
    private long deferrals;

    HardIrqDeferral(int deferHardIrqs, long groFlushTimeoutNanos) {
        this.deferHardIrqs = Checks.atLeast("firmware.deferHardIrqs", deferHardIrqs, 0);
        this.groFlushTimeoutNanos = Checks.atLeast("firmware.groFlushTimeoutNanos", groFlushTimeoutNanos, 0L);
    }

    /** A poll did work: the IRQ may again be deferred {@code deferHardIrqs} times in a row. */
    void reload() {
        deferCount = deferHardIrqs;
    }

    /**
     * The NAPI rule for one poll: budget used up keeps polling; otherwise {@code napi_complete_done}.
     *
     * @param packets  what the poll took, in {@code [0, budget]} (checked by the caller)
     * @param budget   the poll's budget
     * @param nowNanos when the poll finished
     */
    Action afterPoll(int packets, int budget, long nowNanos) {
        if (packets > 0) {
            reload();
        }
        if (packets == budget) {
            return Action.POLL_NOW;
        }
        if (deferCount > 0) {
            deferCount--;
            if (groFlushTimeoutNanos > 0) {
                deferrals++;
                wakeAtNanos = NanoTimes.after(nowNanos, groFlushTimeoutNanos);
                return Action.POLL_AT;
            }
        }
        return Action.REARM_AND_WAIT_INTERRUPT;
    }

    long wakeAtNanos() {
        return wakeAtNanos;
    }

    int deferHardIrqs() {
        return deferHardIrqs;
    }

    long groFlushTimeoutNanos() {
        return groFlushTimeoutNanos;
    }

    long deferrals() {
        return deferrals;
    }
}
