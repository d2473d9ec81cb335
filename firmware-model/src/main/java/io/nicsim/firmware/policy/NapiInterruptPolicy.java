package io.nicsim.firmware.policy;

/**
 * The device half of Linux NAPI (docs/semantics.md#napi, steps 1 and 4), used by the policies {@code napi},
 * {@code napi-defer}, {@code irq-suspend} and {@code hybrid-poll}: trades a masked interrupt, and so a host that
 * must poll and re-arm, for one interrupt per poll cycle instead of one per packet, with no added latency while
 * the interrupt is armed.
 *
 * <p>While armed, the first completion raises at once. Raising masks the interrupt (MSI-X auto-mask: the
 * handler's {@code napi_schedule} runs with the queue's IRQ off); while masked nothing raises and completions
 * only count as pending. The host's doorbell re-arms it ({@link #onRearm(long, long)}) after a poll drained the
 * ring ({@code napi_complete_done}); if completions arrived between that poll and the re-arm, the re-arm raises
 * at once (the missed-IRQ rule: no packet may rot in the ring). Completions the host consumed while the
 * interrupt was masked no longer count as pending after the re-arm: its polls have notified them. A doorbell
 * that disarms it ({@link #onDisarm(long)}) masks it without raising. No timers: deferral and IRQ suspension
 * are the host half's business.
 */
public final class NapiInterruptPolicy implements NotificationPolicy {

    /** Name in output. */
    public static final String NAME = "napi";

    private boolean masked;
    private int pendingCompletions;

    /**
     * @param initiallyMasked {@code true} for a host that starts by polling (busy poll, IRQ suspension): nothing
     *                        raises until its first re-arm
     */
    public NapiInterruptPolicy(boolean initiallyMasked) {
        this.masked = initiallyMasked;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean onCompletion(long nowNanos, int frameBytes) {
        if (pendingCompletions != Integer.MAX_VALUE) {
            pendingCompletions++;
        }
        return !masked;
    }

    /** @return {@code false}: no timers */
    @Override
    public boolean onTimer(long nowNanos) {
        return false;
    }

    /** Covers every pending completion and masks the interrupt until the host re-arms it. */
    @Override
    public void onRaised(long nowNanos) {
        pendingCompletions = 0;
        masked = true;
    }

    @Override
    public int pendingCompletions() {
        return pendingCompletions;
    }

    @Override
    public long nextTimerNanos() {
        return NO_TIMER;
    }

    @Override
    public boolean masked() {
        return masked;
    }

    /**
     * Unmasks the interrupt.
     *
     * @return {@code true} iff {@code unconsumedCompletions > 0}: completions wait that no interrupt will announce
     *         otherwise
     */
    @Override
    public boolean onRearm(long nowNanos, long unconsumedCompletions) {
        masked = false;
        if (unconsumedCompletions < pendingCompletions) {
            pendingCompletions = (int) Math.max(0, unconsumedCompletions);
        }
        return unconsumedCompletions > 0;
    }

    @Override
    public void onDisarm(long nowNanos) {
        masked = true;
    }
}
