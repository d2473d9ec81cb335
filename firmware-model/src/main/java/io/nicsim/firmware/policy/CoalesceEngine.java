package io.nicsim.firmware.policy;

/**
 * The moderation state machine behind {@link CoalescePolicy}, {@link DimPolicy} and {@link AdaptiveItrPolicy}
 * (docs/semantics.md#coalescing): trades added latency, bounded by its timer and minimum gap, for fewer interrupts. It
 * is the ethtool raise condition with its timer in either {@link TimerMode}, held back by a minimum gap between
 * interrupts (ITR); the policies differ only in who sets the parameters and when.
 *
 * <p>A raise is due at the later of the instant its condition came to hold and {@code lastRaised + itrNanos}.
 * An expired timer, and a frame count held back by the minimum gap, are latched until the next raise: a later
 * completion cannot take them back (in CQE mode it would otherwise restart an expired timer), as a device that
 * has asserted an interrupt cause keeps it asserted while the ITR holds it back; {@link #onTimer(long)} answers
 * for them when they are due. A frame count not held back is answered by {@link #onCompletion(long)} alone, as
 * it stays true until the raise anyway. Raising clears the latch and every timer.
 *
 * <p>Times are compared by difference, so only the distance between two readings matters. Not thread-safe; no
 * allocation.
 */
final class CoalesceEngine {

    private final TimerMode timerMode;
    private long rxNanos;
    private int rxFrames;
    private long itrNanos;

    private int pendingCompletions;
    /** EQE: the first un-notified completion; CQE: the latest one. */
    private long timerStartNanos;
    private boolean raiseLatched;
    private long raiseDueNanos;
    private boolean raisedBefore;
    private long lastRaisedNanos;

    /**
     * @param rxNanos   the timer, 0 = none
     * @param rxFrames  the frame count, 0 = none
     * @param timerMode when the timer starts
     * @param itrNanos  the minimum gap between two raises, 0 = none
     */
    CoalesceEngine(long rxNanos, int rxFrames, TimerMode timerMode, long itrNanos) {
        this.timerMode = timerMode;
        this.rxNanos = rxNanos;
        this.rxFrames = rxFrames;
        this.itrNanos = itrNanos;
    }

    /** New timer and frame count; they apply to the completions from now on (callers change them at a raise). */
    void moderation(long newRxNanos, int newRxFrames) {
        rxNanos = newRxNanos;
        rxFrames = newRxFrames;
    }

    /** A new minimum gap; it applies from the last raise. */
    void itrNanos(long newItrNanos) {
        itrNanos = newItrNanos;
    }

    boolean onCompletion(long nowNanos) {
        // A timer that expired before this completion (the loop had not looked yet) fires with it counted in.
        if (!raiseLatched && pendingCompletions > 0 && timerExpired(nowNanos)) {
            latch(timerStartNanos + rxNanos);
        }
        if (pendingCompletions != Integer.MAX_VALUE) {
            pendingCompletions++;
        }
        if (pendingCompletions == 1 || timerMode == TimerMode.CQE) {
            timerStartNanos = nowNanos;
        }
        if (raiseLatched) {
            return nowNanos - raiseDueNanos >= 0;
        }
        if (rxFrames > 0 && pendingCompletions >= rxFrames) {
            long dueNanos = notBeforeGap(nowNanos);
            if (dueNanos == nowNanos) {
                return true;
            }
            // Held back by the minimum gap: from now on the timer answers for it.
            raiseLatched = true;
            raiseDueNanos = dueNanos;
        }
        return false;
    }

    boolean onTimer(long nowNanos) {
        if (pendingCompletions == 0) {
            return false;
        }
        if (!raiseLatched) {
            if (!timerExpired(nowNanos)) {
                return false;
            }
            latch(timerStartNanos + rxNanos);
        }
        return nowNanos - raiseDueNanos >= 0;
    }

    void onRaised(long nowNanos) {
        pendingCompletions = 0;
        raiseLatched = false;
        raisedBefore = true;
        lastRaisedNanos = nowNanos;
    }

    int pendingCompletions() {
        return pendingCompletions;
    }

    long nextTimerNanos() {
        if (pendingCompletions == 0) {
            return NotificationPolicy.NO_TIMER;
        }
        if (raiseLatched) {
            return raiseDueNanos;
        }
        if (rxNanos == 0) {
            return NotificationPolicy.NO_TIMER;
        }
        return notBeforeGap(timerStartNanos + rxNanos);
    }

    private boolean timerExpired(long nowNanos) {
        return rxNanos > 0 && nowNanos - timerStartNanos >= rxNanos;
    }

    private void latch(long conditionNanos) {
        raiseLatched = true;
        raiseDueNanos = notBeforeGap(conditionNanos);
    }

    /** @return {@code timeNanos}, or the end of the minimum gap after the last raise if that is later */
    private long notBeforeGap(long timeNanos) {
        if (raisedBefore && itrNanos > 0) {
            long gapEndNanos = lastRaisedNanos + itrNanos;
            return gapEndNanos - timeNanos > 0 ? gapEndNanos : timeNanos;
        }
        return timeNanos;
    }
}
