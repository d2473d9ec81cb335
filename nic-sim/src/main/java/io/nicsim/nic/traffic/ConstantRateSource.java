package io.nicsim.nic.traffic;

/**
 * Evenly spaced arrivals: packet {@code i} arrives at {@code i / ratePerSecond}, computed from the index so
 * rounding never accumulates. The easiest load to reason about; real traffic is burstier.
 */
public final class ConstantRateSource extends ScheduledSource {

    /** Name in scenario files. */
    public static final String KIND = "constant";

    private final double periodNanos;
    private long index = -1;

    ConstantRateSource(TrafficConfig config, long durationNanos) {
        super(config, durationNanos);
        this.periodNanos = 1e9 / config.ratePerSecond();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    long nextOffsetNanos(long previousOffsetNanos) {
        index++;
        return (long) (index * periodNanos);
    }
}
