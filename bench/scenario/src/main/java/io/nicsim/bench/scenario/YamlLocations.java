package io.nicsim.bench.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and value of a scenario file is, as {@code FILE:LINE:COL}, so an error can point at the exact
 * spot. Built from the YAML token stream (the tree Jackson reads forgets locations).
 */
final class YamlLocations {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String source;
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, String> values = new HashMap<>();

    private YamlLocations(String source) {
        this.source = source;
    }

    /** Indexes {@code yaml}; a document the parser cannot read yields an empty index (the tree read reports it). */
    static YamlLocations index(String yaml, String source) {
        YamlLocations locations = new YamlLocations(source);
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            Deque<String> path = new ArrayDeque<>();
            String field = null;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> {
                        field = parser.currentName();
                        locations.keys.putIfAbsent(join(path, field), locations.at(parser.currentTokenLocation()));
                    }
                    case START_OBJECT, START_ARRAY -> {
                        String name = field == null ? "" : field; // "": the root, or a list's element
                        if (field != null) {
                            locations.values.putIfAbsent(join(path, field),
                                    locations.at(parser.currentTokenLocation()));
                        }
                        path.addLast(name);
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pollLast();
                        field = null;
                    }
                    default -> {
                        if (field != null) {
                            locations.values.putIfAbsent(join(path, field),
                                    locations.at(parser.currentTokenLocation()));
                        }
                        field = null;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The tree read reports what is wrong with the document.
        }
        return locations;
    }

    private static String join(Deque<String> path, String field) {
        StringBuilder out = new StringBuilder();
        for (String part : path) {
            if (!part.isEmpty()) {
                out.append(part).append('.');
            }
        }
        return out.append(field).toString();
    }

    private String at(JsonLocation location) {
        return source + ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    /** @return {@code FILE:LINE:COL} of the key {@code path}, or the file name alone if unknown */
    String key(String path) {
        return keys.getOrDefault(path, source);
    }

    /** @return {@code FILE:LINE:COL} of the value of {@code path}, or of its key, or the file name */
    String value(String path) {
        String at = values.get(path);
        return at != null ? at : key(path);
    }
}
