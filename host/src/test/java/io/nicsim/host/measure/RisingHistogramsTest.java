package io.nicsim.host.measure;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rounding a rising value up within its bucket changes nothing HdrHistogram reports: the same counts per bucket,
 * percentiles, mean, minimum and maximum as a plain histogram, for values that keep rising and for random ones.
 */
class RisingHistogramsTest {

    private static final long HIGHEST = LatencyRecorder.HIGHEST_TRACKABLE_NANOS;
    private static final int DIGITS = LatencyRecorder.SIGNIFICANT_DIGITS;

    @Test
    void risingAndRandomValuesGiveThePlainHistogramsFigures() {
        SplittableRandom random = new SplittableRandom(7);
        long[] values = new long[200_000];
        for (int i = 0; i < values.length; i++) {
            // a backlog growing for half the values, then random latencies up to 60 s
            values[i] = i < values.length / 2 ? 1_000 + 37L * i : random.nextLong(HIGHEST + 1);
        }
        values[7] = 0;
        values[values.length - 1] = HIGHEST;
        assertSameFigures(new Histogram(HIGHEST, DIGITS), new RisingHistograms.LongCounts(HIGHEST, DIGITS), values);
        assertSameFigures(new IntCountsHistogram(HIGHEST, DIGITS), new RisingHistograms.IntCounts(HIGHEST, DIGITS),
                values);
    }

    private static void assertSameFigures(AbstractHistogram plain, AbstractHistogram rising, long[] values) {
        for (long value : values) {
            plain.recordValue(value);
            rising.recordValue(value);
        }
        assertThat(rising).isEqualTo(plain); // HdrHistogram's equals: every count, min and max
        assertThat(rising.getTotalCount()).isEqualTo(plain.getTotalCount());
        assertThat(rising.getMaxValue()).isEqualTo(plain.getMaxValue());
        assertThat(rising.getMinNonZeroValue()).isEqualTo(plain.getMinNonZeroValue());
        assertThat(rising.getMean()).isEqualTo(plain.getMean());
        for (double percentile : new double[] {0, 50, 90, 99, 99.9, 100}) {
            assertThat(rising.getValueAtPercentile(percentile)).as("p%s", percentile)
                    .isEqualTo(plain.getValueAtPercentile(percentile));
        }
    }
}
