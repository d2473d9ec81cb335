package io.nicsim.nic.traffic;

/**
 * A two-state Markov-modulated Poisson process: Poisson arrivals at {@code ratePerSecond} in state 1 and at
 * {@code mmppRate2PerSecond} in state 2, staying in each state an exponentially distributed time (means
 * {@code mmppSojourn1Nanos}, {@code mmppSojourn2Nanos}) before switching. The first state is drawn from the
 * stationary distribution, so the mean rate is {@code (r1 s1 + r2 s2) / (s1 + s2)} from time zero. Bursty at two
 * time scales like real aggregates (a calm and a busy regime), at the price of a mean that converges slowly when
 * sojourns are long against the run.
 */
public final class MmppSource extends ScheduledSource {

    /** Name in scenario files. */
    public static final String KIND = "mmpp";

    private final double[] meanGapNanos = new double[2];
    private final double[] meanSojournNanos = new double[2];
    private int state;
    private double nowNanos;
    private double switchAtNanos;

    MmppSource(TrafficConfig config, long durationNanos) {
        super(config, durationNanos);
        meanGapNanos[0] = 1e9 / config.ratePerSecond();
        meanGapNanos[1] = 1e9 / config.mmppRate2PerSecond();
        meanSojournNanos[0] = config.mmppSojourn1Nanos();
        meanSojournNanos[1] = config.mmppSojourn2Nanos();
        state = random.nextDouble() * (meanSojournNanos[0] + meanSojournNanos[1]) < meanSojournNanos[0] ? 0 : 1;
        switchAtNanos = exponential(meanSojournNanos[state]);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** @return 0 in state 1, 1 in state 2: the state the current packet arrived in */
    int state() {
        return state;
    }

    @Override
    long nextOffsetNanos(long previousOffsetNanos) {
        while (true) {
            double candidate = nowNanos + exponential(meanGapNanos[state]);
            if (candidate < switchAtNanos) {
                nowNanos = candidate;
                return (long) nowNanos;
            }
            // No arrival before the switch: gaps are memoryless, so the next one is drawn afresh in the new state.
            nowNanos = switchAtNanos;
            state ^= 1;
            switchAtNanos = nowNanos + exponential(meanSojournNanos[state]);
        }
    }

    private double exponential(double mean) {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        return -Math.log(1.0 - random.nextDouble()) * mean;
    }
}
