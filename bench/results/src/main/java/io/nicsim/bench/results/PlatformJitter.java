package io.nicsim.bench.results;

/**
 * How much the platform stalled a probe thread during a run's measured window (summary.json
 * {@code platformJitter}), as jHiccup and JLBH's jitter thread measure it.
 *
 * @param intervalNanos how long each of the probe's sleeps asked for
 * @param lateNanos     how much later than asked each sleep woke
 * @param lostShare     the share of the window lost to lateness beyond the usual (the median's: timer slack and
 *                      wake-up), 0..1: about the share of packets that met a stall
 */
public record PlatformJitter(long intervalNanos, LatencySummary lateNanos, double lostShare) {

    /** The tail the judgement is about: the slowest 1% of packets. */
    public static final double TAIL_SHARE = 0.01;

    /**
     * @return whether a p99 of {@code p99Nanos} lies within this jitter: the platform stalled for at least 1% of the
     *         window (so at least the slowest 1% of packets could have met a stall: stalls hit packets by time, not
     *         by count) and for as long as that p99
     */
    public boolean coversP99(long p99Nanos) {
        return lateNanos.count() > 0 && lostShare >= TAIL_SHARE && p99Nanos <= lateNanos.max();
    }
}
