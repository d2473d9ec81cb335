package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * One metric over repeated runs of a point: the median (the figure a tune ranks by, robust to one disturbed run)
 * and the range the runs spanned.
 *
 * @param median median of the runs (mean of the middle two for an even count)
 * @param min    lowest run
 * @param max    highest run
 * @param n      runs with a value
 */
public record Spread(double median, double min, double max, int n) {

    /** @return the spread of the values that are not NaN; all NaN for none */
    public static Spread of(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values.stream().filter(v -> v != null && !Double.isNaN(v)).toList());
        if (sorted.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        sorted.sort(Double::compare);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Spread(median, sorted.getFirst(), sorted.getLast(), n);
    }

    /** @return {@code 38.2 us (35.1..41.0, n=3)}, or just the value for one run */
    public String format(Metric metric) {
        if (n <= 1) {
            return metric.format(median);
        }
        return metric.format(median) + " (" + metric.formatBare(min) + ".." + metric.formatBare(max) + ", n=" + n + ")";
    }
}
