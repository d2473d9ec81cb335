package io.nicsim.firmware.policy.dim;

/**
 * Linux DIM's decision machine ({@code net_dim}, docs/semantics.md#dim): trades a few probing moves between
 * {@link DimProfile profiles} for finding, from measured traffic alone, the moderation that carries the most
 * bytes per millisecond with the fewest interrupts; it decides which profile index to use, never the timing.
 *
 * <p>Reimplemented in Java from docs/semantics.md#dim and the behaviour of the kernel's {@code lib/dim/net_dim.c}
 * and {@code lib/dim/dim.c} (Mellanox Technologies, GPL-2.0 OR Linux-OpenIB); no kernel code is copied.
 *
 * <p>The driver calls {@link #onSample(int, long, long, long)} on every interrupt with running counters. The
 * first sample, and the first after a profile change, starts a measurement; nothing is decided until
 * {@link #DECISION_EVENTS} events have passed since that start sample. Then, with {@code delta_us} the whole
 * microseconds between the two samples (no decision, start sample kept, if 0), the rates are rounded up:
 * {@code ppms = ceil(packets * 1000 / delta_us)}, {@code bpms} likewise for bytes,
 * {@code epms = ceil(64 * 1000 / delta_us)}, and compared to the previous ones: bytes first, then packets,
 * then events (fewer events is better); a difference counts only if {@code 100 * |cur - prev| / prev > 10} in
 * integer arithmetic. The tune state then steps, turns, parks on top, parks tired or exits parking
 * as docs/semantics.md#dim lists. The current stats become the previous ones unless the state was and stays
 * {@link TuneState#PARKING_ON_TOP}. If the index changed, the next sample starts a new measurement; otherwise
 * the end sample is the next start.
 *
 * <p>Kernel details kept: counters wrap (events 16-bit, packets and bytes 32-bit), {@code delta_us} is a 32-bit
 * count (a gap of more than 71 minutes wraps, as in the kernel). Kept wider than the kernel: the rates are
 * longs, where the kernel's {@code int} would truncate above 2^31 bytes per millisecond. Initial state as the
 * kernel's zeroed struct: index {@link DimProfile#DEFAULT_INDEX}, {@link TuneState#PARKING_ON_TOP}, all
 * counters and previous stats 0. Not thread-safe; no allocation.
 */
public final class NetDim {

    /** {@code tune_state}: where the search is heading. */
    public enum TuneState {
        /** Toward more moderation (higher index). */
        GOING_RIGHT,
        /** Toward less moderation (lower index). */
        GOING_LEFT,
        /** Found a best profile; stays while the stats stay the same. */
        PARKING_ON_TOP,
        /** Moved too often; waits {@code tired} decisions before searching again. */
        PARKING_TIRED
    }

    /** The outcome of comparing the current stats with the previous ones. */
    enum Comparison {
        WORSE, SAME, BETTER
    }

    private enum StepResult {
        STEPPED, TOO_TIRED, ON_EDGE
    }

    /** {@code DIM_NEVENTS}: events between the start and end samples of a measurement. */
    public static final int DECISION_EVENTS = 64;

    /** {@code 2 * NET_DIM_PARAMS_NUM_PROFILES}: steps after which the search parks tired. */
    public static final int MAX_TIRED = 2 * DimProfile.PROFILE_COUNT;

    /** A rate must differ by more than this percentage of the previous one to count. */
    public static final int SIGNIFICANT_PERCENT = 10;

    private static final long USECS_PER_MSEC = 1_000L;
    private static final long U16_MASK = 0xFFFFL;
    private static final long U32_MASK = 0xFFFF_FFFFL;

    private int index = DimProfile.DEFAULT_INDEX;
    private TuneState state = TuneState.PARKING_ON_TOP;
    private int stepsRight;
    private int stepsLeft;
    private int tired;
    private long previousBpms;
    private long previousPpms;
    private long previousEpms;

    private boolean measuring;
    private long startEvents;
    private long startPackets;
    private long startBytes;
    private long startNanos;

    /**
     * A sample of the running counters, taken on every interrupt.
     *
     * @param events16  interrupts so far; only the low 16 bits count (wraps)
     * @param packets32 packets so far; only the low 32 bits count (wraps)
     * @param bytes32   bytes so far; only the low 32 bits count (wraps)
     * @param nowNanos  when the sample was taken
     * @return {@code true} if the profile index changed: apply {@link #index()}'s profile now
     */
    public boolean onSample(int events16, long packets32, long bytes32, long nowNanos) {
        if (!measuring) {
            start(events16, packets32, bytes32, nowNanos);
            return false;
        }
        long events = (events16 - startEvents) & U16_MASK;
        if (events < DECISION_EVENTS) {
            return false;
        }
        long deltaUs = ((nowNanos - startNanos) / 1_000L) & U32_MASK;
        if (deltaUs == 0) {
            return false;
        }
        long packets = (packets32 - startPackets) & U32_MASK;
        long bytes = (bytes32 - startBytes) & U32_MASK;
        long ppms = ceilDiv(packets * USECS_PER_MSEC, deltaUs);
        long bpms = ceilDiv(bytes * USECS_PER_MSEC, deltaUs);
        long epms = ceilDiv(DECISION_EVENTS * USECS_PER_MSEC, deltaUs);
        if (decide(bpms, ppms, epms)) {
            measuring = false;
            return true;
        }
        start(events16, packets32, bytes32, nowNanos);
        return false;
    }

    private void start(int events16, long packets32, long bytes32, long nowNanos) {
        startEvents = events16 & U16_MASK;
        startPackets = packets32 & U32_MASK;
        startBytes = bytes32 & U32_MASK;
        startNanos = nowNanos;
        measuring = true;
    }

    /** {@code net_dim_decision}: one decision on the current stats; true if the index changed. */
    private boolean decide(long bpms, long ppms, long epms) {
        TuneState stateBefore = state;
        int indexBefore = index;
        switch (state) {
            case PARKING_ON_TOP -> {
                if (compare(bpms, ppms, epms, previousBpms, previousPpms, previousEpms) != Comparison.SAME) {
                    exitParking();
                }
            }
            case PARKING_TIRED -> {
                tired--;
                if (tired == 0) {
                    exitParking();
                }
            }
            case GOING_RIGHT, GOING_LEFT -> {
                if (compare(bpms, ppms, epms, previousBpms, previousPpms, previousEpms) != Comparison.BETTER) {
                    turn();
                }
                if (onTop()) {
                    parkOnTop();
                } else {
                    switch (step()) {
                        case ON_EDGE -> parkOnTop();
                        case TOO_TIRED -> parkTired();
                        case STEPPED -> {
                        }
                    }
                }
            }
        }
        if (stateBefore != TuneState.PARKING_ON_TOP || state != TuneState.PARKING_ON_TOP) {
            previousBpms = bpms;
            previousPpms = ppms;
            previousEpms = epms;
        }
        return index != indexBefore;
    }

    /** {@code net_dim_stats_compare}: bytes, then packets, then events (fewer is better). */
    static Comparison compare(long bpms, long ppms, long epms, long previousBpms, long previousPpms,
                              long previousEpms) {
        if (previousBpms == 0) {
            return bpms != 0 ? Comparison.BETTER : Comparison.SAME;
        }
        if (significantlyDifferent(bpms, previousBpms)) {
            return bpms > previousBpms ? Comparison.BETTER : Comparison.WORSE;
        }
        if (previousPpms == 0) {
            return ppms != 0 ? Comparison.BETTER : Comparison.SAME;
        }
        if (significantlyDifferent(ppms, previousPpms)) {
            return ppms > previousPpms ? Comparison.BETTER : Comparison.WORSE;
        }
        if (previousEpms == 0) {
            return Comparison.SAME;
        }
        if (significantlyDifferent(epms, previousEpms)) {
            return epms < previousEpms ? Comparison.BETTER : Comparison.WORSE;
        }
        return Comparison.SAME;
    }

    /** {@code IS_SIGNIFICANT_DIFF}: {@code 100 * |current - previous| / previous > 10}, integer division. */
    static boolean significantlyDifferent(long current, long previous) {
        return 100 * Math.abs(current - previous) / previous > SIGNIFICANT_PERCENT;
    }

    private StepResult step() {
        if (tired == MAX_TIRED) {
            return StepResult.TOO_TIRED;
        }
        switch (state) {
            case GOING_RIGHT -> {
                if (index == DimProfile.PROFILE_COUNT - 1) {
                    return StepResult.ON_EDGE;
                }
                index++;
                stepsRight++;
            }
            case GOING_LEFT -> {
                if (index == 0) {
                    return StepResult.ON_EDGE;
                }
                index--;
                stepsLeft++;
            }
            case PARKING_ON_TOP, PARKING_TIRED -> {
            }
        }
        tired++;
        return StepResult.STEPPED;
    }

    private void turn() {
        switch (state) {
            case GOING_RIGHT -> {
                state = TuneState.GOING_LEFT;
                stepsLeft = 0;
            }
            case GOING_LEFT -> {
                state = TuneState.GOING_RIGHT;
                stepsRight = 0;
            }
            case PARKING_ON_TOP, PARKING_TIRED -> {
            }
        }
    }

    private boolean onTop() {
        return switch (state) {
            case PARKING_ON_TOP, PARKING_TIRED -> true;
            case GOING_RIGHT -> stepsLeft > 1 && stepsRight == 1;
            case GOING_LEFT -> stepsRight > 1 && stepsLeft == 1;
        };
    }

    private void parkOnTop() {
        stepsRight = 0;
        stepsLeft = 0;
        tired = 0;
        state = TuneState.PARKING_ON_TOP;
    }

    private void parkTired() {
        stepsRight = 0;
        stepsLeft = 0;
        state = TuneState.PARKING_TIRED;
    }

    private void exitParking() {
        state = index > 0 ? TuneState.GOING_LEFT : TuneState.GOING_RIGHT;
        step();
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /** @return the current profile index, 0 to {@link DimProfile#PROFILE_COUNT} - 1 */
    public int index() {
        return index;
    }

    /** @return the current {@code tune_state} */
    public TuneState state() {
        return state;
    }

    /** @return {@code steps_right} */
    public int stepsRight() {
        return stepsRight;
    }

    /** @return {@code steps_left} */
    public int stepsLeft() {
        return stepsLeft;
    }

    /** @return {@code tired} */
    public int tired() {
        return tired;
    }

    /** @return the previous stats' bytes per millisecond */
    public long previousBpms() {
        return previousBpms;
    }

    /** @return the previous stats' packets per millisecond */
    public long previousPpms() {
        return previousPpms;
    }

    /** @return the previous stats' events per millisecond */
    public long previousEpms() {
        return previousEpms;
    }

    /** @return {@code true} once a start sample is held; {@code false} when the next sample starts a measurement */
    public boolean measuring() {
        return measuring;
    }
}
