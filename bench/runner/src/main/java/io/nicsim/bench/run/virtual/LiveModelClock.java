package io.nicsim.bench.run.virtual;

import io.nicsim.firmware.clock.NanoClock;

/**
 * Model time for live traffic in virtual time: packets that arrive in real time (UDP datagrams) are stamped on the
 * wall clock mapped onto model time, and the loop never runs the model ahead of it; the host is still a model. Read
 * by the device's thread only.
 */
public final class LiveModelClock implements NanoClock {

    private final long modelStartNanos;
    private long wallStartNanos;

    public LiveModelClock(long modelStartNanos) {
        this.modelStartNanos = modelStartNanos;
        this.wallStartNanos = System.nanoTime();
    }

    /** Model time {@code modelStartNanos} is now on the wall clock. */
    public void startNow() {
        wallStartNanos = System.nanoTime();
    }

    /** @return the wall clock's now in model time */
    @Override
    public long nanoTime() {
        return modelStartNanos + (System.nanoTime() - wallStartNanos);
    }
}
