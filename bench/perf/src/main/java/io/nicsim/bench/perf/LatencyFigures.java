package io.nicsim.bench.perf;

import io.nicsim.bench.results.LatencySummary;
import org.HdrHistogram.Histogram;

/**
 * The percentiles a benchmark reports of one latency distribution, in nanoseconds.
 *
 * @param count packets recorded
 */
public record LatencyFigures(long count, long p50, long p90, long p99, long p999, long max) {

    public static LatencyFigures of(Histogram histogram) {
        return new LatencyFigures(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    public static LatencyFigures of(LatencySummary summary) {
        return new LatencyFigures(summary.count(), summary.p50(), summary.p90(), summary.p99(), summary.p999(),
                summary.max());
    }

    /** @return the figure a column names: {@code p50}, {@code p90}, {@code p99}, {@code p99.9} or {@code max} */
    public long percentile(String name) {
        return switch (name) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p99" -> p99;
            case "p99.9" -> p999;
            case "max" -> max;
            default -> throw new IllegalArgumentException("unknown percentile " + name);
        };
    }
}
