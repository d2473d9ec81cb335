package io.nicsim.bench.run.virtual;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nicsim.host.model.HostModel;
import io.nicsim.host.model.Quantiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a host model file (YAML, or JSON, which YAML reads too): {@code source}, {@code cores}, {@code deliverNanos},
 * {@code irqNanos}, {@code contextSwitchNanos}, {@code timerSlackNanos} (optional, 0), {@code emptyPollNanos} and
 * {@code consumers}, each consumer with {@code wakeNanos}, {@code perPacketNanos}, {@code perPollNanos},
 * {@code handoffNanos}. A distribution is one number or a mapping {@code {min, p50, p90, p99, ..., max}}. The
 * built-in model is a resource of the host module.
 */
public final class HostModelFiles {

    /** The built-in model's resource. */
    public static final String DEFAULT_RESOURCE = "/io/nicsim/host/model/default-host-model.yaml";

    private HostModelFiles() {
    }

    /**
     * @param path the model file, or empty for the built-in model
     * @throws IllegalArgumentException "run.hostModel: ..." when the file is missing or malformed
     */
    public static HostModel load(String path) {
        try {
            if (path == null || path.isEmpty()) {
                try (InputStream in = HostModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in host model " + DEFAULT_RESOURCE + " is missing");
                    }
                    return parse(new ObjectMapper(new YAMLFactory()).readTree(in), null);
                }
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of(path)));
            return parse(root, path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("run.hostModel: cannot read host model "
                    + (path == null || path.isEmpty() ? "(built-in)" : path) + ": " + e.getMessage(), e);
        }
    }

    private static HostModel parse(JsonNode root, String path) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a mapping");
        }
        String source = path != null ? path : text(root, "source");
        Map<String, HostModel.Kind> kinds = new LinkedHashMap<>();
        JsonNode consumers = required(root, "consumers");
        for (Iterator<Map.Entry<String, JsonNode>> it = consumers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode kind = entry.getValue();
            kinds.put(entry.getKey(), new HostModel.Kind(quantiles(required(kind, "wakeNanos")),
                    nanos(kind, "perPacketNanos"), nanos(kind, "perPollNanos"), nanos(kind, "handoffNanos")));
        }
        return new HostModel(source, (int) nanos(root, "cores"), quantiles(required(root, "deliverNanos")),
                nanos(root, "irqNanos"), nanos(root, "contextSwitchNanos"),
                root.has("timerSlackNanos") ? quantiles(root.get("timerSlackNanos")) : Quantiles.constant(0),
                nanos(root, "emptyPollNanos"), kinds);
    }

    /** A distribution: one number (constant) or {@code {min, pNN..., max}}. */
    static Quantiles quantiles(JsonNode node) {
        if (node.isNumber()) {
            return Quantiles.constant(node.asLong());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a number of nanoseconds or {min, p50, ..., max}, found "
                    + node);
        }
        List<double[]> points = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            double p = switch (key) {
                case "min" -> 0;
                case "max" -> 1;
                default -> {
                    if (!key.startsWith("p")) {
                        throw new IllegalArgumentException("expected min, max or pNN, found '" + key + "'");
                    }
                    yield Double.parseDouble(key.substring(1)) / 100;
                }
            };
            points.add(new double[] {p, entry.getValue().asLong()});
        }
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        if (points.size() == 1) {
            return Quantiles.constant((long) points.getFirst()[1]);
        }
        double[] probabilities = new double[points.size()];
        long[] nanos = new long[points.size()];
        for (int i = 0; i < points.size(); i++) {
            probabilities[i] = points.get(i)[0];
            nanos[i] = (long) points.get(i)[1];
        }
        return new Quantiles(probabilities, nanos);
    }

    private static JsonNode required(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value;
    }

    private static long nanos(JsonNode node, String key) {
        JsonNode value = required(node, key);
        if (!value.isNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException("'" + key + "': expected a number >= 0, found " + value);
        }
        return value.asLong();
    }

    private static String text(JsonNode node, String key) {
        return required(node, key).asText();
    }
}
