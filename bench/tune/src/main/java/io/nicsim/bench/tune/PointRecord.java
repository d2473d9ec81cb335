package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A distinct setting the search met, and its runs so far (search and repeat runs; the A/B's runs are kept apart).
 * Its figures are medians over those runs, each with its spread.
 */
public final class PointRecord {

    private final int id;
    private final Map<String, String> parameters;
    private final String refusal;
    private final List<Measurement> runs = new ArrayList<>();

    PointRecord(int id, Map<String, String> parameters, String refusal) {
        this.id = id;
        this.parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.refusal = refusal;
    }

    /** @return its number, from 1, in the order the search met it */
    public int id() {
        return id;
    }

    /** @return its values, in the space's key order */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** @return why the simulator refuses this setting, or null */
    public String refusal() {
        return refusal;
    }

    public int n() {
        return runs.size();
    }

    public List<Measurement> runs() {
        return List.copyOf(runs);
    }

    void add(Measurement run) {
        runs.add(run);
    }

    /** @return the spread of one metric over its runs */
    public Spread spread(Metric metric) {
        return Spread.of(runs.stream().map(r -> r.get(metric)).toList());
    }

    /** @return metric name to median over its runs, for every metric any run has */
    public Map<String, Double> medians() {
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Measurement run : runs) {
            for (String name : run.values().keySet()) {
                medians.computeIfAbsent(name, k -> Spread.of(runs.stream().map(r -> r.values().get(k)).toList())
                        .median());
            }
        }
        return medians;
    }
}
