package io.nicsim.bench.run;

import io.nicsim.bench.scenario.Scenario;

/**
 * One consumer run of a study.
 *
 * @param label    its name in tables, charts and folder names
 * @param scenario the scenario it runs (its {@code host.consumer} is replaced by {@code consumer})
 * @param consumer the consumer under test
 */
public record RunSpec(String label, Scenario scenario, String consumer) {
}
