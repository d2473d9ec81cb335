package io.nicsim.bench.results;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.List;

/**
 * What the platform jitter probe recorded over a run's measured window: how late each of its sleeps woke, in all
 * (summary.json's {@code platformJitter}, through {@link #figures()}) and second by second (the run's interval log,
 * beside the notification latency of the same seconds).
 *
 * <p>Immutable as far as it goes: the histograms are the probe's own, handed over once it stopped, not copies; read
 * them, never record into them.
 *
 * @param sleepNanos  how long each of the probe's sleeps asked for
 * @param lateNanos   how much later than asked each sleep woke, over the whole window
 * @param intervals   the same per second of the measured window: interval {@code i} holds the sleeps due to end in
 *                    its second {@code i}, the seconds of the notification latency recorder's measured intervals
 *                    (a sleep due before the first second or after the last counts in that one), so together they
 *                    hold every sleep {@code lateNanos} holds
 * @param windowNanos how long the probe ran
 */
public record JitterRecording(long sleepNanos, Histogram lateNanos, List<AbstractHistogram> intervals,
                              long windowNanos) {

    public JitterRecording {
        if (sleepNanos <= 0 || windowNanos < 0) {
            throw new IllegalArgumentException("sleep " + sleepNanos + " ns, window " + windowNanos + " ns");
        }
        intervals = List.copyOf(intervals);
    }

    /**
     * @return the summary of what the probe saw: how late each sleep woke, and the share of the window lost to
     *         lateness beyond the usual (the median: the timer slack and the wake-up itself, which every sleep pays)
     */
    public PlatformJitter figures() {
        LatencySummary late = LatencySummary.of(lateNanos);
        if (lateNanos.getTotalCount() == 0) {
            return new PlatformJitter(sleepNanos, late, 0);
        }
        long usualNanos = lateNanos.getValueAtPercentile(50);
        double lostNanos = 0;
        for (HistogramIterationValue value : lateNanos.recordedValues()) {
            lostNanos += Math.max(0, value.getValueIteratedTo() - usualNanos)
                    * (double) value.getCountAtValueIteratedTo();
        }
        return new PlatformJitter(sleepNanos, late, Math.min(1, lostNanos / Math.max(1, windowNanos)));
    }

    /**
     * Several recordings of one run (its rounds) as one: the whole-window histograms added, the windows' lengths
     * added, the per-second intervals one after the other in the order given (not copied).
     *
     * @param recordings at least one, all of one sleep length
     * @throws IllegalArgumentException if there is none, or their sleeps differ
     */
    public static JitterRecording pooled(List<JitterRecording> recordings) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no jitter recording to pool");
        }
        long sleepNanos = recordings.getFirst().sleepNanos();
        long highestNanos = 2;
        int digits = 0;
        for (JitterRecording recording : recordings) {
            if (recording.sleepNanos() != sleepNanos) {
                throw new IllegalArgumentException("jitter recordings of different sleeps: " + sleepNanos + " and "
                        + recording.sleepNanos() + " ns");
            }
            highestNanos = Math.max(highestNanos, recording.lateNanos().getHighestTrackableValue());
            digits = Math.max(digits, recording.lateNanos().getNumberOfSignificantValueDigits());
        }
        Histogram late = new Histogram(highestNanos, digits);
        List<AbstractHistogram> intervals = new ArrayList<>();
        long windowNanos = 0;
        for (JitterRecording recording : recordings) {
            late.add(recording.lateNanos());
            intervals.addAll(recording.intervals());
            windowNanos += recording.windowNanos();
        }
        return new JitterRecording(sleepNanos, late, intervals, windowNanos);
    }
}
