package io.nicsim.firmware.clock;

/**
 * A monotonic nanosecond time source, injected into everything that needs the time.
 *
 * <p>Model code never reads {@code System.nanoTime()} itself: the same firmware policy then runs against the
 * wall clock (hardware in the loop) and against a {@link ManualNanoClock} (tests, fast simulation). All
 * latency stages of one run are stamped from one clock so that their differences are meaningful.
 */
@FunctionalInterface
public interface NanoClock {

    /** @return the current time in nanoseconds; only differences between two readings are meaningful */
    long nanoTime();
}
