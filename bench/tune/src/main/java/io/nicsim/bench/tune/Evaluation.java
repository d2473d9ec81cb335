package io.nicsim.bench.tune;

import java.util.Map;

/**
 * One measured run of a tune, as tune.json and tune.csv log it.
 *
 * @param index      its number, from 1, in the order run
 * @param phase      {@code start}, {@code search}, {@code repeat}, {@code ab-start} or {@code ab-best}
 * @param point      the point's number ({@link PointRecord#id()})
 * @param parameters the point's values
 * @param values     the run's figures: metric name to value (latency and CPU in nanoseconds)
 * @param feasible   whether this run alone met every constraint
 * @param folder     its run folder, relative to the tune folder
 */
public record Evaluation(int index, String phase, int point, Map<String, String> parameters,
                         Map<String, Double> values, boolean feasible, String folder) {
}
