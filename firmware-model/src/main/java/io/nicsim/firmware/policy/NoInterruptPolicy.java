package io.nicsim.firmware.policy;

/**
 * Poll mode, a DPDK poll-mode driver's device (docs/semantics.md#polling): trades a host core spinning at 100% for no
 * interrupts at all and the lowest latency the host's polling allows.
 *
 * <p>Never raises: the interrupt is always masked, a re-arm doorbell answers {@code false} and leaves it masked
 * (a poll-mode application never sleeps on it). Every completion stays pending, as no interrupt covers it; the
 * count saturates at {@code Integer.MAX_VALUE}.
 */
public final class NoInterruptPolicy implements NotificationPolicy {

    /** Name in output. */
    public static final String NAME = "poll-mode";

    private int pendingCompletions;

    @Override
    public String name() {
        return NAME;
    }

    /** @return {@code false}: never raises */
    @Override
    public boolean onCompletion(long nowNanos, int frameBytes) {
        if (pendingCompletions != Integer.MAX_VALUE) {
            pendingCompletions++;
        }
        return false;
    }

    /** @return {@code false}: no timers */
    @Override
    public boolean onTimer(long nowNanos) {
        return false;
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
        return NO_TIMER;
    }

    /** @return {@code true}: always masked */
    @Override
    public boolean masked() {
        return true;
    }

    /** @return {@code false}: stays masked, never raises */
    @Override
    public boolean onRearm(long nowNanos, long unconsumedCompletions) {
        return false;
    }
}
