package io.nicsim.bench.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.nicsim.bench.results.Sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run list's headline figures of a sweep and a tune, which have no summary.json of their own: a sweep's best point
 * per consumer (lowest notification p99 among its points that lost no packet, or among all if every one did), and a
 * tune's best point as tune.json names it (its medians over repeats).
 */
final class StudyHeadlines {

    private StudyHeadlines() {
    }

    /** @return per consumer of the sweep, in the order they first appear, its best point's p50 and p99 */
    static List<RunEntry.Headline> sweep(Sweep sweep) {
        Map<String, List<Sweep.Row>> byConsumer = new LinkedHashMap<>();
        for (Sweep.Row row : sweep.rows()) {
            byConsumer.computeIfAbsent(row.consumer(), consumer -> new ArrayList<>()).add(row);
        }
        List<RunEntry.Headline> headlines = new ArrayList<>();
        for (Map.Entry<String, List<Sweep.Row>> consumer : byConsumer.entrySet()) {
            List<Sweep.Row> lossless = consumer.getValue().stream().filter(r -> r.dropped() == 0 && !r.interrupted())
                    .toList();
            List<Sweep.Row> candidates = lossless.isEmpty() ? consumer.getValue() : lossless;
            Sweep.Row best = candidates.stream().min(Comparator.comparingLong(Sweep.Row::p99Nanos)).orElseThrow();
            headlines.add(new RunEntry.Headline(consumer.getKey() + ", best p99 at " + settings(sweep.parameters(),
                    best.parameters()), best.p50Nanos(), best.p99Nanos()));
        }
        return headlines;
    }

    /** @return the tune's best point's p50 and p99 (medians over its repeats), or none before it has one */
    static List<RunEntry.Headline> tune(JsonNode tune) {
        JsonNode bestPoint = tune.path("bestPoint");
        if (!bestPoint.canConvertToInt()) {
            return List.of();
        }
        JsonNode best = null;
        for (JsonNode point : tune.path("points")) {
            if (point.path("point").asInt(-1) == bestPoint.asInt()) {
                best = point;
            }
        }
        if (best == null || !best.path("metrics").has("p50") || !best.path("metrics").has("p99")) {
            return List.of();
        }
        JsonNode metrics = best.path("metrics");
        Map<String, String> parameters = new LinkedHashMap<>();
        best.path("parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        String consumer = tune.path("consumer").asText("best");
        return List.of(new RunEntry.Headline(consumer + ", best at " + settings(List.copyOf(parameters.keySet()),
                parameters), Math.round(metrics.path("p50").path("median").asDouble()),
                Math.round(metrics.path("p99").path("median").asDouble())));
    }

    /** @return {@code rxUsecs=8 rxFrames=1}: the swept keys in the study's order, without their section */
    private static String settings(List<String> keys, Map<String, String> values) {
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            if (values.containsKey(key)) {
                parts.add(key.substring(key.lastIndexOf('.') + 1) + "=" + values.get(key));
            }
        }
        return String.join(" ", parts);
    }
}
