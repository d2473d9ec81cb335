package io.nicsim.bench.run;

import io.nicsim.bench.results.LatencySummary;
import io.nicsim.bench.results.PlatformJitter;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.concurrent.locks.LockSupport;

/**
 * The platform's own jitter over a run's measured window, as jHiccup measures it: a thread that asks to sleep
 * {@value #INTERVAL_NANOS} ns at a time and records how much later it woke. What it sees (the scheduler, other
 * processes, the hypervisor, a GC pause) stalls the threads under test too; a notification tail no longer than it is
 * the machine's as much as the consumer's. It costs one short wake-up per interval (about 0.1-1% of a core).
 */
public final class JitterMonitor implements AutoCloseable {

    /** How long each sleep asks for. */
    public static final long INTERVAL_NANOS = 1_000_000L;

    private final Histogram late = new Histogram(60_000_000_000L, 3);
    private final Thread thread;
    private final long startNanos;
    private volatile boolean running = true;
    private long stopNanos;

    private JitterMonitor() {
        startNanos = System.nanoTime();
        thread = Thread.ofPlatform().name("nicsim-jitter").daemon(true).start(this::probe);
    }

    /** @return a monitor, probing from now until {@link #stop()} */
    public static JitterMonitor start() {
        return new JitterMonitor();
    }

    private void probe() {
        while (running) {
            long before = System.nanoTime();
            LockSupport.parkNanos(INTERVAL_NANOS);
            long lateNanos = System.nanoTime() - before - INTERVAL_NANOS;
            if (running) {
                late.recordValue(Math.min(Math.max(0, lateNanos), late.getHighestTrackableValue()));
            }
        }
    }

    /**
     * Stops the probe (once; later calls return the same figures).
     *
     * @return what it saw: how late each sleep woke, and the share of the window lost to lateness beyond the usual
     *         (the median: the timer slack and the wake-up itself, which every sleep pays)
     */
    public PlatformJitter stop() {
        if (running) {
            running = false;
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopNanos = System.nanoTime();
        }
        long windowNanos = Math.max(1, stopNanos - startNanos);
        if (late.getTotalCount() == 0) {
            return new PlatformJitter(INTERVAL_NANOS, LatencySummary.of(late), 0);
        }
        long usual = late.getValueAtPercentile(50);
        double lostNanos = 0;
        for (HistogramIterationValue value : late.recordedValues()) {
            lostNanos += Math.max(0, value.getValueIteratedTo() - usual) * (double) value.getCountAtValueIteratedTo();
        }
        return new PlatformJitter(INTERVAL_NANOS, LatencySummary.of(late), Math.min(1, lostNanos / windowNanos));
    }

    @Override
    public void close() {
        stop();
    }
}
