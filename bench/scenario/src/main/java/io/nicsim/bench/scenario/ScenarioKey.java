package io.nicsim.bench.scenario;

import java.util.Set;

/**
 * One key a scenario may set: its dotted path, type, default, allowed names (empty = any) and meaning.
 * The list of keys ({@link ScenarioKeys}) is the single source for parsing, validation, defaults and docs.
 */
public record ScenarioKey(String path, KeyType type, Object defaultValue, Set<String> allowed, String doc) {

    /** Parses and checks one value for this key. @throws IllegalArgumentException "expected ..., found ..." */
    public Object parse(String text) {
        Object value = type.parse(text);
        KeyType.checkAllowed(value, allowed);
        return value;
    }
}
