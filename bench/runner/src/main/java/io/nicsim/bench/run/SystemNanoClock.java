package io.nicsim.bench.run;

import io.nicsim.firmware.clock.NanoClock;

/**
 * The wall clock of hardware-in-the-loop runs: {@code System.nanoTime()}, which on Linux is
 * {@code CLOCK_MONOTONIC} and so one clock for every thread and process on the host.
 */
public final class SystemNanoClock implements NanoClock {

    public static final SystemNanoClock INSTANCE = new SystemNanoClock();

    private SystemNanoClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
