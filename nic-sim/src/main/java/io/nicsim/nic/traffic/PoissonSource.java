package io.nicsim.nic.traffic;

/**
 * Poisson arrivals: exponentially distributed gaps with mean {@code 1 / ratePerSecond}, from a seeded
 * generator. Bursty like independent senders, and the arrival process queueing formulas (M/D/1, M/M/1) assume.
 */
public final class PoissonSource extends ScheduledSource {

    /** Name in scenario files. */
    public static final String KIND = "poisson";

    private final double meanGapNanos;
    private double offsetNanos;

    PoissonSource(TrafficConfig config, long durationNanos) {
        super(config, durationNanos);
        this.meanGapNanos = 1e9 / config.ratePerSecond();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    long nextOffsetNanos(long previousOffsetNanos) {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        offsetNanos += -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
        return (long) offsetNanos;
    }
}
