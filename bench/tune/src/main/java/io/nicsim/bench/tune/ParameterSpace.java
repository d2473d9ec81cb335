package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keys a tune searches, each with its values. Keys with one value only are pinned: set at every point, no
 * dimension of the search. Positions are in [0, 1] per searched key, in order.
 *
 * @param policy     the firmware policy the keys belong to
 * @param parameters every key, searched and pinned, in order
 */
public record ParameterSpace(String policy, List<TuneParameter> parameters) {

    public ParameterSpace {
        parameters = List.copyOf(parameters);
    }

    /** @return the keys the optimizer moves */
    public List<TuneParameter> searched() {
        return parameters.stream().filter(p -> !p.fixed()).toList();
    }

    public int dimensions() {
        return searched().size();
    }

    /** @return how many distinct points the space holds, saturating at {@link Long#MAX_VALUE} */
    public long size() {
        long size = 1;
        for (TuneParameter p : parameters) {
            long count = p.valueCount();
            if (size > Long.MAX_VALUE / count) {
                return Long.MAX_VALUE;
            }
            size *= count;
        }
        return size;
    }

    /** @return the point at these positions (one per searched key), pinned keys included, in key order */
    public Map<String, String> decode(double[] positions) {
        Map<String, String> point = new LinkedHashMap<>();
        int i = 0;
        for (TuneParameter p : parameters) {
            point.put(p.key(), p.fixed() ? p.valueAtIndex(0) : p.valueAt(positions[i++]));
        }
        return point;
    }

    /** @return the positions of a point's values (clamped into the ranges) */
    public double[] encode(Map<String, String> point) {
        List<TuneParameter> searched = searched();
        double[] positions = new double[searched.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = searched.get(i).position(point.get(searched.get(i).key()));
        }
        return positions;
    }

    /** @return every point, the first key varying slowest; only for a small space ({@link #size()}) */
    public List<Map<String, String>> enumerate() {
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (TuneParameter p : parameters) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : points) {
                for (long i = 0; i < p.valueCount(); i++) {
                    Map<String, String> point = new LinkedHashMap<>(partial);
                    point.put(p.key(), p.valueAtIndex(i));
                    next.add(point);
                }
            }
            points = next;
        }
        return points;
    }

    /** @return the keys of this space from a scenario's values (the start point) */
    public Map<String, String> pick(Map<String, String> values) {
        Map<String, String> point = new LinkedHashMap<>();
        for (TuneParameter p : parameters) {
            point.put(p.key(), values.get(p.key()));
        }
        return point;
    }

    /** @return {@code rxUsecs=8 rxFrames=2} */
    public static String label(Map<String, String> point) {
        return point.entrySet().stream().map(e -> io.nicsim.bench.results.Sweep.shortKey(e.getKey()) + "="
                + e.getValue()) .collect(Collectors.joining(" "));
    }

    public List<String> describe() {
        return parameters.stream().map(TuneParameter::describe).toList();
    }
}
