package io.nicsim.bench.run.calibrate;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A distribution as a host model file writes it: {@code {min, p50, p90, p99, p99.9, max}} in nanoseconds, or one
 * number.
 *
 * @param points name ({@code min}, {@code pNN}, {@code max}) to nanoseconds, ascending; one entry {@code ""} for a
 *               constant
 */
public record Distribution(Map<String, Long> points) {

    /** The percentiles a measured distribution keeps besides min and max. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    public Distribution {
        points = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(points));
    }

    /** @return a distribution that is always {@code nanos} */
    public static Distribution constant(long nanos) {
        return new Distribution(Map.of("", nanos));
    }

    /** @return min, p50, p90, p99, p99.9 and max of {@code histogram} (which holds at least one value) */
    public static Distribution of(Histogram histogram) {
        Map<String, Long> points = new LinkedHashMap<>();
        points.put("min", histogram.getMinValue());
        for (double p : PERCENTILES) {
            long value = Math.min(histogram.getValueAtPercentile(p), histogram.getMaxValue());
            points.put("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)), value);
        }
        points.put("max", histogram.getMaxValue());
        return new Distribution(points);
    }

    /** @return the value named {@code point} ({@code p50}), or the constant */
    public long at(String point) {
        Long value = points.get(point);
        return value != null ? value : points.getOrDefault("", 0L);
    }

    /** @return {@code {min: 150, p50: 270, ...}} or the constant */
    public String yaml() {
        if (points.containsKey("")) {
            return Long.toString(points.get(""));
        }
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        points.forEach((name, nanos) -> joined.add(name + ": " + nanos));
        return joined.toString();
    }
}
