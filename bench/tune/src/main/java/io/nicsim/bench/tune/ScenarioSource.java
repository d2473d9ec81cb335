package io.nicsim.bench.tune;

import io.nicsim.bench.scenario.Scenario;
import io.nicsim.bench.scenario.ScenarioException;

import java.util.Map;

/** The scenario being tuned, with parameter values set on top of it (the file, then --set, then these). */
@FunctionalInterface
public interface ScenarioSource {

    /**
     * @param flag   where the values came from, for errors ({@code --range}, {@code tune})
     * @param values scenario key to value, as a scenario file writes it
     * @throws ScenarioException if the scenario refuses a value or the combination
     */
    Scenario load(String flag, Map<String, String> values) throws ScenarioException;
}
