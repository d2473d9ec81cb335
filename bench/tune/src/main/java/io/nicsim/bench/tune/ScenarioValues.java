package io.nicsim.bench.tune;

import io.nicsim.bench.scenario.Scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario's values as {@code key -> text}, the way a scenario file or {@code --set} writes them. */
public final class ScenarioValues {

    private ScenarioValues() {
    }

    /**
     * @return every key of the scenario ({@code firmware.rxUsecs -> 50}, {@code firmware.groFlushTimeoutNanos -> 20us})
     */
    public static Map<String, String> of(Scenario scenario) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> section : scenario.effective().entrySet()) {
            if (section.getValue() instanceof Map<?, ?> keys) {
                for (Map.Entry<?, ?> key : keys.entrySet()) {
                    Object value = key.getValue();
                    values.put(section.getKey() + "." + key.getKey(), value instanceof List<?> list
                            ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value));
                }
            }
        }
        return values;
    }
}
