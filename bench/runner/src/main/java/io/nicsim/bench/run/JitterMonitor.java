package io.nicsim.bench.run;

import io.nicsim.bench.results.JitterRecording;
import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.measure.LatencyRecorder;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The platform's own jitter over a run's measured window, as jHiccup measures it: a thread that asks to sleep
 * {@value #INTERVAL_NANOS} ns at a time and records how much later it woke. What it sees (the scheduler, other
 * processes, the hypervisor, a GC pause) stalls the threads under test too; a notification tail no longer than it is
 * the machine's as much as the consumer's. It costs one short wake-up per interval (about 0.1-1% of a core).
 *
 * <p>Besides the whole window it records each second of it apart, the seconds of the notification latency
 * recorder's measured intervals, for the run's interval log. Those histograms are allocated up front ({@value
 * #INTERVAL_SIGNIFICANT_DIGITS} significant digits: about 16 KB a second, 57 MB for an hour), so the probe allocates
 * nothing per sleep.
 */
public final class JitterMonitor implements AutoCloseable {

    /** How long each sleep asks for. */
    public static final long INTERVAL_NANOS = 1_000_000L;
    /** Significant decimal digits of the per-second histograms (the whole window's has the recorder's). */
    public static final int INTERVAL_SIGNIFICANT_DIGITS = 2;

    private final Histogram late = LatencyRecorder.newHistogram();
    private final AbstractHistogram[] intervals;
    private final int lastInterval;
    /** Start of the first measured second, on {@link System#nanoTime()}. */
    private final long originNanos;
    private final Thread thread;
    private final long startNanos;
    private volatile boolean running = true;
    private JitterRecording recording;

    private JitterMonitor(long measureFromNanos, long measuredNanos, NanoClock clock) {
        intervals = new AbstractHistogram[Math.max(1, LatencyRecorder.intervalsCovering(measuredNanos))];
        for (int i = 0; i < intervals.length; i++) {
            intervals[i] = new IntCountsHistogram(LatencyRecorder.HIGHEST_TRACKABLE_NANOS, INTERVAL_SIGNIFICANT_DIGITS);
        }
        lastInterval = intervals.length - 1;
        startNanos = System.nanoTime();
        originNanos = startNanos + (measureFromNanos - clock.nanoTime());
        thread = Thread.ofPlatform().name("nicsim-jitter").daemon(true).start(this::probe);
    }

    /**
     * @param measureFromNanos when the run's measured window opens, on {@code clock}: the start of the notification
     *                         recorder's first measured interval
     * @param measuredNanos    how long the measured window is planned to last: one interval per second of it
     * @param clock            the run's clock (the probe itself times its sleeps with {@link System#nanoTime()})
     * @return a monitor, probing from now until {@link #stop()}
     */
    public static JitterMonitor start(long measureFromNanos, long measuredNanos, NanoClock clock) {
        return new JitterMonitor(measureFromNanos, measuredNanos, clock);
    }

    private void probe() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(INTERVAL_NANOS);
            long lateNanos = Math.min(Math.max(0, System.nanoTime() - before - INTERVAL_NANOS),
                    LatencyRecorder.HIGHEST_TRACKABLE_NANOS);
            if (running) {
                late.recordValue(lateNanos);
                long slot = (before + INTERVAL_NANOS - originNanos) / LatencyRecorder.INTERVAL_NANOS;
                intervals[(int) Math.min(Math.max(slot, 0), lastInterval)].recordValue(lateNanos);
            }
        }
    }

    /**
     * Measured second {@code second}'s histogram as the probe thread writes it, for a live view read on another thread
     * (copy it first, {@code copyInto}: it may be a few samples behind); {@link #stop()} gives the final figures.
     *
     * @return that second's lateness, or null past the measured window
     */
    public AbstractHistogram interval(int second) {
        return second >= 0 && second < intervals.length ? intervals[second] : null;
    }

    /**
     * Stops the probe (once; later calls return the same recording).
     *
     * @return what it saw, over the whole window and per second ({@link JitterRecording#figures()}: summary.json's)
     */
    public JitterRecording stop() {
        if (recording == null) {
            running = false;
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long windowNanos = Math.max(1, System.nanoTime() - startNanos);
            recording = new JitterRecording(INTERVAL_NANOS, late, List.of(intervals), windowNanos);
        }
        return recording;
    }

    @Override
    public void close() {
        stop();
    }
}
