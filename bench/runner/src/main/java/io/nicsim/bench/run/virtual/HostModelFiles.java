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
 * Reads a host model file (YAML, or JSON, which YAML reads too): {@code version} ({@value #VERSION}; a file of any
 * other version, or none, is refused), {@code source}, {@code cores}, {@code deliverNanos},
 * {@code irqNanos}, {@code contextSwitchNanos}, {@code timerSlackNanos} (optional, 0), {@code emptyPollNanos} and
 * {@code consumers}, each consumer with {@code wakeNanos}, {@code perPacketNanos}, {@code perPollNanos},
 * {@code handoffNanos} and {@code timedWaitNanos} (optional: {@code contextSwitchNanos}). A distribution is one
 * number or a mapping {@code {min, p50, p90, p99, ..., max}}. The built-in model is a resource of the host module.
 * Other top-level keys (a calibrated file's {@code measured}: its probes and HdrHistogram encodings) are left for
 * readers of the file.
 */
public final class HostModelFiles {

    /** The built-in model's resource. */
    public static final String DEFAULT_RESOURCE = "/io/nicsim/host/model/default-host-model.yaml";
    /** The format version this nicsim reads and writes ({@code version:} in every host model file). */
    public static final int VERSION = 1;

    private HostModelFiles() {
    }

    /**
     * Reads a virtual run's host model before anything runs: one for every consumer the run plays.
     *
     * @return what makes it unusable, without the key ("cannot read host model FILE: why", or the consumer it has no
     *         costs for), or null if it serves every consumer
     */
    public static String problem(String path, java.util.List<String> consumers) {
        String prefix = "run.hostModel: ";
        try {
            HostModel model = load(path);
            for (String consumer : consumers) {
                model.kind(consumer);
            }
            return null;
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        }
    }

    /**
     * @param path the model file, or empty for the built-in model
     * @throws IllegalArgumentException "run.hostModel: cannot read host model FILE: why", one line, when the file is
     *                                  missing, malformed or of another version
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
                    + (path == null || path.isEmpty() ? "(built-in)" : path) + ": " + problem(e), e);
        }
    }

    /** @return what is wrong, on one line (a YAML parser's message spans lines: its first line and where) */
    private static String problem(Exception e) {
        String message;
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            message = String.valueOf(json.getOriginalMessage());
            int newline = message.indexOf('\n');
            message = (newline < 0 ? message : message.substring(0, newline))
                    + (json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ")");
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            message = "no such file";
        } else {
            message = e.getMessage() != null ? e.getMessage() : e.toString();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** @return the built-in model's file as a tree (its numbers, for a calibrated file's assumed parts) */
    public static JsonNode builtInTree() {
        try (InputStream in = HostModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in host model " + DEFAULT_RESOURCE + " is missing");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HostModel parse(JsonNode root, String path) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a mapping");
        }
        JsonNode version = root.get("version");
        if (version == null || version.isNull()) {
            throw new IllegalArgumentException("missing 'version' (this nicsim reads host model version " + VERSION
                    + ")");
        }
        if (!version.isInt() || version.asInt() != VERSION) {
            throw new IllegalArgumentException("version " + version + " is not one this nicsim reads (it reads "
                    + VERSION + ")");
        }
        String source = path != null ? path : text(root, "source");
        Map<String, HostModel.Kind> kinds = new LinkedHashMap<>();
        JsonNode consumers = required(root, "consumers");
        for (Iterator<Map.Entry<String, JsonNode>> it = consumers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode kind = entry.getValue();
            String where = "consumers." + entry.getKey() + ".";
            if (!kind.isObject()) {
                throw new IllegalArgumentException("'" + where.substring(0, where.length() - 1)
                        + "': expected a mapping, found " + kind);
            }
            long timedWait = kind.has("timedWaitNanos") ? nanos(where, kind, "timedWaitNanos")
                    : nanos(root, "contextSwitchNanos");
            kinds.put(entry.getKey(), new HostModel.Kind(quantiles(where + "wakeNanos", required(kind, "wakeNanos")),
                    nanos(where, kind, "perPacketNanos"), nanos(where, kind, "perPollNanos"),
                    nanos(where, kind, "handoffNanos"), timedWait));
        }
        return new HostModel(source, (int) nanos(root, "cores"),
                quantiles("deliverNanos", required(root, "deliverNanos")), nanos(root, "irqNanos"),
                nanos(root, "contextSwitchNanos"), root.has("timerSlackNanos")
                        ? quantiles("timerSlackNanos", root.get("timerSlackNanos")) : Quantiles.constant(0),
                nanos(root, "emptyPollNanos"), kinds);
    }

    /** A distribution: one number (constant) or {@code {min, pNN..., max}}. */
    static Quantiles quantiles(JsonNode node) {
        return quantiles("distribution", node);
    }

    /** A distribution {@code key}: one number (constant) or {@code {min, pNN..., max}}, none negative. */
    static Quantiles quantiles(String key, JsonNode node) {
        if (node.isNumber()) {
            return Quantiles.constant(nonNegative(key, node));
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'" + key + "': expected a number of nanoseconds or {min, p50, ...,"
                    + " max}, found " + node);
        }
        List<double[]> points = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            double p = switch (entry.getKey()) {
                case "min" -> 0;
                case "max" -> 1;
                default -> {
                    if (!entry.getKey().startsWith("p")) {
                        throw new IllegalArgumentException("'" + key + "': expected min, max or pNN, found '"
                                + entry.getKey() + "'");
                    }
                    yield percentile(key, entry.getKey());
                }
            };
            points.add(new double[] {p, nonNegative(key + "." + entry.getKey(), entry.getValue())});
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
        try {
            return new Quantiles(probabilities, nanos);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "': " + e.getMessage(), e);
        }
    }

    private static long nonNegative(String key, JsonNode value) {
        if (!value.isNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException("'" + key + "': expected a number >= 0, found " + value);
        }
        return value.asLong();
    }

    private static JsonNode required(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return value;
    }

    private static long nanos(JsonNode node, String key) {
        return nanos("", node, key);
    }

    private static long nanos(String where, JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing '" + where + key + "'");
        }
        return nonNegative(where + key, value);
    }

    private static double percentile(String key, String name) {
        try {
            double p = Double.parseDouble(name.substring(1)) / 100;
            if (p > 0 && p < 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + key + "': expected min, max or pNN (0 < NN < 100), found '" + name
                + "'");
    }

    private static String text(JsonNode node, String key) {
        return required(node, key).asText();
    }
}
