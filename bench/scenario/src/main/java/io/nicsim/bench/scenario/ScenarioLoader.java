package io.nicsim.bench.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.nicsim.firmware.policy.CoalescePolicy;
import io.nicsim.firmware.policy.PolicyFactory;
import io.nicsim.nic.traffic.TrafficSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario: the defaults of {@link ScenarioKeys}, then the YAML file (if any), then {@code --set}
 * overrides, each value parsed strictly. Unknown keys, wrong types and out-of-range values are errors, never
 * silently defaulted.
 */
public final class ScenarioLoader {

    /** Name of the scenario run when no file is given. */
    public static final String DEFAULT_NAME = "default-study";
    private static final String SET_SOURCE = "--set";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ScenarioLoader() {
    }

    /**
     * @param file      the scenario file, or null for the built-in default study
     * @param overrides {@code key=value} strings, applied in order after the file
     * @throws ScenarioException for any bad input, naming where and what
     */
    public static Scenario load(Path file, List<String> overrides) throws ScenarioException {
        return load(file, null, overrides);
    }

    /**
     * Reads a scenario's text as if it were the file {@code asFile} (an editor's unsaved text): errors name
     * {@code asFile} with the line and column, and relative paths resolve against its folder, exactly as
     * {@link #load(Path, List)} of that file holding {@code text} would.
     *
     * @param text      the YAML text
     * @param asFile    the file the text is shown as (it need not exist)
     * @param overrides {@code key=value} strings, applied in order after the text
     * @throws ScenarioException for any bad input, naming where and what
     */
    public static Scenario load(String text, Path asFile, List<String> overrides) throws ScenarioException {
        return load(asFile, java.util.Objects.requireNonNull(text, "text"), overrides);
    }

    /** @param text the file's text, or null to read it from {@code file} */
    private static Scenario load(Path file, String text, List<String> overrides) throws ScenarioException {
        Map<String, Object> values = ScenarioKeys.defaults();
        Map<String, String> sources = new HashMap<>();
        String name = DEFAULT_NAME;
        if (file != null) {
            name = readFile(file, text, values, sources);
        }
        for (String override : overrides) {
            applyOverride(override, values, sources);
        }
        validate(values, sources);
        Scenario scenario = new Scenario(name, values);
        buildable(scenario, sources);
        return scenario;
    }

    private static String readFile(Path file, String given, Map<String, Object> values, Map<String, String> sources)
            throws ScenarioException {
        String source = file.toString();
        JsonNode root;
        YamlLocations at;
        String text = given;
        try {
            if (text == null) {
                text = readText(file);
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(source, null, "no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ScenarioException(source, null, "cannot read: " + e.getMessage());
        }
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            root = YAML.readTree(parser);
            if (parser.nextToken() != null) {
                JsonLocation second = parser.currentLocation();
                throw new ScenarioException(source + ":" + second.getLineNr() + ":" + second.getColumnNr(), null,
                        "expected one YAML document, found a second one");
            }
        } catch (JsonProcessingException e) {
            JsonLocation problem = e.getLocation();
            String where = problem == null ? source : source + ":" + problem.getLineNr() + ":" + problem.getColumnNr();
            throw new ScenarioException(where, null, "not valid YAML: " + yamlProblem(e));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ScenarioException(source, null, "cannot read: " + e.getMessage());
        }
        at = YamlLocations.index(text, source);
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (root == null || root.isMissingNode() || root.isNull()) {
            return name;
        }
        if (!root.isObject()) {
            throw new ScenarioException(source + ":1:1", null, "expected a mapping of sections, found "
                    + describe(root));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            String sectionName = section.getKey();
            JsonNode body = section.getValue();
            if (sectionName.equals("name")) {
                if (!body.isTextual() || body.asText().isBlank()) {
                    throw new ScenarioException(at.value("name"), "name",
                            "expected a non-empty string, found " + describe(body));
                }
                name = body.asText();
                continue;
            }
            if (!ScenarioKeys.SECTIONS.contains(sectionName)) {
                throw new ScenarioException(at.key(sectionName), sectionName, "unknown section, expected one of name, "
                        + String.join(", ", ScenarioKeys.SECTIONS)
                        + Suggestions.didYouMean(sectionName, ScenarioKeys.SECTIONS));
            }
            if (body.isNull() || (body.isTextual() && body.asText().isEmpty())) {
                continue; // "section:" with nothing under it
            }
            if (!body.isObject()) {
                throw new ScenarioException(at.value(sectionName), sectionName,
                        "expected a mapping of keys, found " + describe(body));
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = body.fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                String path = sectionName + "." + entry.getKey();
                ScenarioKey key = known(at.key(path), path);
                Object value = parse(at.value(path), key, scalarText(at.value(path), key, entry.getValue()));
                values.put(path, resolved(key, value, file.toAbsolutePath().getParent()));
                sources.put(path, at.value(path));
            }
        }
        return name;
    }

    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException("not UTF-8 text");
        }
    }

    private static void applyOverride(String override, Map<String, Object> values, Map<String, String> sources)
            throws ScenarioException {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ScenarioException(SET_SOURCE, null, "expected key=value, found " + Quote.of(override));
        }
        String path = override.substring(0, eq).trim();
        ScenarioKey key = known(SET_SOURCE, path);
        values.put(path, resolved(key, parse(SET_SOURCE, key, override.substring(eq + 1)), Path.of("")
                .toAbsolutePath()));
        sources.put(path, SET_SOURCE);
    }

    /** A file path, made absolute against {@code base} (the scenario file's folder); other values as they are. */
    private static Object resolved(ScenarioKey key, Object value, Path base) {
        if (key.type() != KeyType.PATH || ((String) value).isEmpty()) {
            return value;
        }
        return base.resolve((String) value).normalize().toString();
    }

    /** SnakeYAML's message spans lines (a snippet with a caret): keep its problem and context, on one line. */
    private static String yamlProblem(JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null) {
                return marked.getProblem() + (marked.getContext() == null ? "" : " (" + marked.getContext() + ")");
            }
        }
        String message = String.valueOf(e.getOriginalMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static ScenarioKey known(String source, String path) throws ScenarioException {
        ScenarioKey key = ScenarioKeys.get(path);
        if (key == null) {
            throw new ScenarioException(source, path, "unknown key"
                    + Suggestions.didYouMean(path, ScenarioKeys.paths()));
        }
        return key;
    }

    private static Object parse(String source, ScenarioKey key, String text) throws ScenarioException {
        try {
            Object value = key.parse(text);
            ScenarioLimits.check(key, value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(source, key.path(), e.getMessage());
        }
    }

    private static String scalarText(String source, ScenarioKey key, JsonNode node) throws ScenarioException {
        if (node.isArray() && key.type() == KeyType.NAME_LIST) {
            List<String> names = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw new ScenarioException(source, key.path(), "expected a list of names, found "
                            + describe(element));
                }
                names.add(element.asText());
            }
            return String.join(",", names);
        }
        if (node.isValueNode() && !node.isNull()) {
            return node.asText();
        }
        throw new ScenarioException(source, key.path(), "expected " + key.type().description() + ", found "
                + describe(node));
    }

    /** Checks that hold between keys; the error names where the offending value came from. */
    private static void validate(Map<String, Object> values, Map<String, String> sources) throws ScenarioException {
        if ((long) values.get("run.duration") <= 0) {
            throw new ScenarioException(sourceOf("run.duration", sources), "run.duration",
                    "expected a duration above 0, found '0'");
        }
        if (CoalescePolicy.NAME.equals(values.get("firmware.policy"))
                && (int) values.get("firmware.rxUsecs") == 0 && (int) values.get("firmware.rxFrames") == 0) {
            String key = sources.containsKey("firmware.rxFrames") ? "firmware.rxFrames" : "firmware.rxUsecs";
            throw new ScenarioException(sourceOf(key, sources), key,
                    "coalesce needs rxUsecs > 0 or rxFrames > 0 (with both 0 no interrupt would ever fire), found"
                            + " both 0");
        }
        String[] tooMuch = ScenarioLimits.checkTogether(values, Runtime.getRuntime().maxMemory());
        if (tooMuch == null) {
            tooMuch = ScenarioLimits.checkKernelWaits(values, io.nicsim.host.kernel.Kernel.problem(),
                    io.nicsim.host.cost.CarrierCosts.schedulerParallelism());
        }
        if (tooMuch != null) {
            List<String> keys = List.of(tooMuch[0].split(","));
            String key = keys.stream().filter(sources::containsKey).findFirst().orElse(keys.getFirst());
            throw new ScenarioException(sourceOf(key, sources), key, tooMuch[1]);
        }
    }

    /**
     * The checks the simulator makes when it builds the device and the driver (ranges and combinations each
     * policy and traffic source enforces), made here so bad input fails before any run starts.
     */
    private static void buildable(Scenario scenario, Map<String, String> sources) throws ScenarioException {
        try {
            PolicyFactory.create(scenario.firmware());
            scenario.nic();
            TrafficSources.create(scenario.traffic(), scenario.run().warmupNanos() + scenario.run().durationNanos());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String key = null;
            for (String path : ScenarioKeys.paths()) {
                if (message.startsWith(path) && (key == null || path.length() > key.length())) {
                    key = path;
                }
            }
            String problem = key == null ? message : message.substring(key.length()).replaceFirst("^[:\\s]+", "");
            String where = key == null ? "scenario" : sourceOf(key, sources);
            if (key != null && !sources.containsKey(key) && key.startsWith("traffic.")
                    && sources.containsKey("traffic.kind")) {
                where = sources.get("traffic.kind"); // a key the kind needs and nobody set: the kind asked for it
            }
            throw new ScenarioException(where, key, problem);
        }
    }

    private static String sourceOf(String path, Map<String, String> sources) {
        return sources.getOrDefault(path, "defaults");
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNull()) {
            return "nothing";
        }
        return Quote.of(node.asText());
    }
}
