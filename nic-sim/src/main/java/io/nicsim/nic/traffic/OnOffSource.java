package io.nicsim.nic.traffic;

/**
 * Bursts and silences as a square wave: a burst of {@code burstNanos} with arrivals evenly spaced at
 * {@code ratePerSecond}, then {@code idleNanos} with none, repeated from time zero (mean rate
 * {@code ratePerSecond * burst / (burst + idle)}). The easiest burst to reason about, for coalescing and NAPI
 * budgets; real bursts vary in length and spacing ({@code mmpp} draws them at random). Offsets are computed from
 * the burst and packet indices, so rounding never accumulates.
 */
public final class OnOffSource extends ScheduledSource {

    /** Name in scenario files. */
    public static final String KIND = "on-off";

    private final double ratePerSecond;
    private final long burstNanos;
    private final long periodNanos;
    private long burst;
    private long indexInBurst = -1;

    OnOffSource(TrafficConfig config, long durationNanos) {
        super(config, durationNanos);
        this.ratePerSecond = config.ratePerSecond();
        this.burstNanos = config.burstNanos();
        this.periodNanos = config.burstNanos() + config.idleNanos();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    long nextOffsetNanos(long previousOffsetNanos) {
        indexInBurst++;
        long withinNanos = (long) (indexInBurst * 1e9 / ratePerSecond);
        if (withinNanos >= burstNanos) {
            burst++;
            indexInBurst = 0;
            withinNanos = 0;
        }
        return burst * periodNanos + withinNanos;
    }
}
