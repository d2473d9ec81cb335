package io.nicsim.bench.tune;

import java.util.Map;

/**
 * The figures of one measured run of a point.
 *
 * @param values metric name ({@link Metric#name()}) to value: latency and CPU in nanoseconds, interrupts per second,
 *               drops; a metric the run could not measure is absent
 * @param folder the run's folder, relative to the tune folder (empty for a synthetic evaluator)
 */
public record Measurement(Map<String, Double> values, String folder) {

    public Measurement {
        values = Map.copyOf(values);
    }

    public double get(Metric metric) {
        return Goal.value(values, metric);
    }
}
