package io.nicsim.firmware.policy;

/**
 * One interrupt per packet, raised as soon as its descriptor is written: the lowest notification latency at
 * the highest interrupt rate (and host CPU), the behaviour of {@code ethtool -C rx-usecs 0 rx-frames 1}
 * (docs/semantics.md#coalescing: "no coalescing").
 */
public final class PerPacketPolicy implements NotificationPolicy {

    /** Name in scenario files and output. */
    public static final String NAME = "per-packet";

    private int pendingCompletions;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean onCompletion(long nowNanos, int frameBytes) {
        pendingCompletions++;
        return true;
    }

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
}
