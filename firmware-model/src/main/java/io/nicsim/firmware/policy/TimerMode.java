package io.nicsim.firmware.policy;

/**
 * When a coalescing timer starts (docs/semantics.md#coalescing, the two modes of mlx5 and hns3): EQE mode bounds the
 * latency of the first packet by the timer, CQE mode lets a steady stream stretch it and fires on the frame count.
 */
public enum TimerMode {

    /**
     * The timer starts at the first un-notified completion and is never restarted: the first packet of a burst
     * waits at most {@code rxUsecs} ({@code DIM_CQ_PERIOD_MODE_START_FROM_EQE}).
     */
    EQE,

    /**
     * The timer restarts on every new completion: it expires only after {@code rxUsecs} of silence, so a burst
     * fires on the frame count ({@code DIM_CQ_PERIOD_MODE_START_FROM_CQE}).
     */
    CQE;

    /** @return the name in scenario files: {@code eqe} or {@code cqe} */
    public String scenarioName() {
        return this == EQE ? "eqe" : "cqe";
    }

    /**
     * @param key   the scenario key the value came from, for the message (e.g. {@code firmware.timerMode})
     * @param value {@code eqe} or {@code cqe}
     * @return the mode of that scenario name
     * @throws IllegalArgumentException for any other value; the message names the key
     */
    public static TimerMode parse(String key, String value) {
        if ("eqe".equals(value)) {
            return EQE;
        }
        if ("cqe".equals(value)) {
            return CQE;
        }
        throw new IllegalArgumentException(key + ": expected eqe or cqe, found '" + value + "'");
    }
}
