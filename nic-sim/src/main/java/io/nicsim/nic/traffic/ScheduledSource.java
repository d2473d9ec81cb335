package io.nicsim.nic.traffic;

import java.util.SplittableRandom;

/** The part every synthetic source shares: a bounded schedule, seeded flow choice, fixed frame size. */
abstract class ScheduledSource implements TrafficSource {

    private final long durationNanos;
    private final int flows;
    private final int frameBytes;
    protected final SplittableRandom random;

    private long offsetNanos = -1;
    private int flow;

    ScheduledSource(TrafficConfig config, long durationNanos) {
        this.durationNanos = durationNanos;
        this.flows = config.flows();
        this.frameBytes = config.frameBytes();
        this.random = new SplittableRandom(config.seed());
    }

    /** @return the offset of the next packet, given the previous one's ({@code -1} before the first) */
    abstract long nextOffsetNanos(long previousOffsetNanos);

    @Override
    public final boolean next() {
        if (offsetNanos >= durationNanos) {
            return false;
        }
        long candidate = nextOffsetNanos(offsetNanos);
        if (candidate >= durationNanos) {
            offsetNanos = durationNanos;
            return false;
        }
        offsetNanos = candidate;
        flow = flows == 1 ? 0 : random.nextInt(flows);
        return true;
    }

    @Override
    public final long offsetNanos() {
        return offsetNanos;
    }

    @Override
    public final int flow() {
        return flow;
    }

    @Override
    public final int frameBytes() {
        return frameBytes;
    }
}
