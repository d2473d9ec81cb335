package io.nicsim.host.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Single-writer HdrHistograms that record a value above their maximum as the highest value of its bucket. HdrHistogram
 * updates its maximum with a compare-and-set through an {@code AtomicLongFieldUpdater} whenever a value exceeds it, so
 * a latency that keeps rising (a consumer falling behind) pays one per packet and histogram: JFR put 75% of a
 * busy-poll consumer's samples there at 8M pps, which kept it behind. Rounded up within its bucket the value lands in
 * the same bucket (the same counts, percentiles, mean, minimum and maximum: HdrHistogram reports those per bucket), and
 * the maximum moves once per bucket, not once per value. Trade-off: a compare per value.
 */
final class RisingHistograms {

    private RisingHistograms() {
    }

    /** A {@link Histogram} of long counts recording rising values at their bucket's top. */
    static final class LongCounts extends Histogram {

        private static final long serialVersionUID = 1L;
        private long knownMax;

        LongCounts(long highestTrackableValue, int significantDigits) {
            super(highestTrackableValue, significantDigits);
        }

        @Override
        public void recordValue(long value) {
            if (value > knownMax) {
                value = highestEquivalentValue(value);
                knownMax = value;
            }
            super.recordValue(value);
        }
    }

    /** An {@link IntCountsHistogram} recording rising values at their bucket's top. */
    static final class IntCounts extends IntCountsHistogram {

        private static final long serialVersionUID = 1L;
        private long knownMax;

        IntCounts(long highestTrackableValue, int significantDigits) {
            super(highestTrackableValue, significantDigits);
        }

        @Override
        public void recordValue(long value) {
            if (value > knownMax) {
                value = highestEquivalentValue(value);
                knownMax = value;
            }
            super.recordValue(value);
        }
    }
}
