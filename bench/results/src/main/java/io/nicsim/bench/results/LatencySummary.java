package io.nicsim.bench.results;

import org.HdrHistogram.Histogram;

/**
 * One latency distribution as summary.json writes it ("H"): all values in nanoseconds.
 */
public record LatencySummary(long count, long min, long p50, long p90, long p99, long p999, long max, double mean) {

    public static LatencySummary of(Histogram histogram) {
        return new LatencySummary(histogram.getTotalCount(), histogram.getMinValue(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(), Math.round(histogram.getMean() * 10) / 10.0);
    }
}
