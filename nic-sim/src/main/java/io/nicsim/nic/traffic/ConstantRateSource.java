package io.nicsim.nic.traffic;

/**
 * Evenly spaced arrivals: packet {@code i} arrives at {@code i / ratePerSecond}, computed from the index so
 * rounding never accumulates. The easiest load to reason about; real traffic is burstier.
 */
public final class ConstantRateSource extends ScheduledSource {

    /** Name in scenario files. */
    public static final String KIND = "constant";

    private final double ratePerSecond;
    private long index = -1;

    ConstantRateSource(TrafficConfig config, long durationNanos) {
        super(config, durationNanos);
        this.ratePerSecond = config.ratePerSecond();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    long nextOffsetNanos(long previousOffsetNanos) {
        index++;
        // index * 1e9 is exact up to 9e6 packets, and a correctly rounded quotient never lands a nanosecond early
        return (long) (index * 1e9 / ratePerSecond);
    }
}
