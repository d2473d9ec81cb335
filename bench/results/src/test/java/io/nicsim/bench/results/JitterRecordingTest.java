package io.nicsim.bench.results;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A jitter recording's figures are summary.json's platform jitter; pooled recordings add their counts and windows
 * and keep their seconds one after the other.
 */
class JitterRecordingTest {

    private static final long SLEEP_NANOS = 1_000_000L;
    private static final long USUAL_NANOS = 50_000L;
    private static final long SECOND_NANOS = 1_000_000_000L;

    /**
     * A recording of {@code seconds} seconds, each with {@code sleepsPerSecond} usual sleeps; a stall of
     * {@code stallNanos} beyond the usual in the last second if positive.
     */
    private static JitterRecording recording(int seconds, int sleepsPerSecond, long stallNanos) {
        Histogram late = new Histogram(60_000_000_000L, 3);
        List<AbstractHistogram> intervals = new java.util.ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            AbstractHistogram interval = new IntCountsHistogram(60_000_000_000L, 2);
            interval.recordValueWithCount(USUAL_NANOS, sleepsPerSecond);
            late.recordValueWithCount(USUAL_NANOS, sleepsPerSecond);
            if (stallNanos > 0 && s == seconds - 1) {
                interval.recordValue(USUAL_NANOS + stallNanos);
                late.recordValue(USUAL_NANOS + stallNanos);
            }
            intervals.add(interval);
        }
        return new JitterRecording(SLEEP_NANOS, late, intervals, seconds * SECOND_NANOS);
    }

    @Test
    void itsFiguresAreTheLatenessAndTheShareOfTheWindowLostBeyondTheUsual() {
        PlatformJitter figures = recording(2, 900, 20_000_000L).figures();

        assertThat(figures.intervalNanos()).isEqualTo(SLEEP_NANOS);
        assertThat(figures.lateNanos().count()).isEqualTo(1_801);
        assertThat(figures.lateNanos().p50()).isEqualTo(new Histogram(60_000_000_000L, 3)
                .highestEquivalentValue(USUAL_NANOS));
        assertThat(figures.lostShare()).as("20 ms of 2 s").isCloseTo(0.01, within(0.0001));
        assertThat(recording(1, 0, 0).figures().lostShare()).as("no sleep, nothing lost").isZero();
    }

    @Test
    void pooledRecordingsAddCountsAndWindowsAndConcatenateTheirSeconds() {
        JitterRecording first = recording(2, 900, 20_000_000L);
        JitterRecording second = recording(3, 800, 0);

        JitterRecording pooled = JitterRecording.pooled(List.of(first, second));

        assertThat(pooled.sleepNanos()).isEqualTo(SLEEP_NANOS);
        assertThat(pooled.lateNanos().getTotalCount()).isEqualTo(1_801 + 2_400);
        assertThat(pooled.lateNanos().getMaxValue()).isEqualTo(first.lateNanos().getMaxValue());
        assertThat(pooled.windowNanos()).isEqualTo(5 * SECOND_NANOS);
        assertThat(pooled.intervals()).hasSize(5);
        assertThat(pooled.intervals().subList(0, 2)).containsExactlyElementsOf(first.intervals());
        assertThat(pooled.intervals().subList(2, 5)).containsExactlyElementsOf(second.intervals());
        assertThat(pooled.intervals().stream().mapToLong(AbstractHistogram::getTotalCount).sum())
                .isEqualTo(pooled.lateNanos().getTotalCount());
        assertThat(pooled.figures().lostShare()).as("20 ms of 5 s").isCloseTo(0.004, within(0.0001));
        assertThat(first.lateNanos().getTotalCount()).as("its parts untouched").isEqualTo(1_801);
    }

    @Test
    void poolingOneIsTheSameFiguresAndNoneOrDifferentSleepsAreRefused() {
        JitterRecording one = recording(2, 900, 20_000_000L);
        assertThat(JitterRecording.pooled(List.of(one)).figures()).isEqualTo(one.figures());
        assertThatThrownBy(() -> JitterRecording.pooled(List.of())).isInstanceOf(IllegalArgumentException.class);
        JitterRecording other = new JitterRecording(2 * SLEEP_NANOS, one.lateNanos(), one.intervals(),
                one.windowNanos());
        assertThatThrownBy(() -> JitterRecording.pooled(List.of(one, other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different sleeps");
    }
}
