package io.nicsim.firmware.clock;

/**
 * A clock that moves only when told to: tests and virtual-time simulation advance it explicitly, so policy
 * timing can be asserted exactly, without wall-clock flakiness. Not thread-safe: one thread owns it.
 */
public final class ManualNanoClock implements NanoClock {

    private long nowNanos;

    public ManualNanoClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    /** Moves the clock to {@code timeNanos}; time never goes backwards. */
    public void setNanos(long timeNanos) {
        if (timeNanos < nowNanos) {
            throw new IllegalArgumentException("time goes backwards: " + timeNanos + " < " + nowNanos);
        }
        nowNanos = timeNanos;
    }

    /** Moves the clock forward by {@code deltaNanos}. */
    public void advanceNanos(long deltaNanos) {
        setNanos(nowNanos + deltaNanos);
    }
}
