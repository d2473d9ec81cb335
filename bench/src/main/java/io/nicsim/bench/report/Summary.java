package io.nicsim.bench.report;

import java.util.List;
import java.util.Map;

/**
 * summary.json: a contract other tools read. Extend it; never rename these keys.
 *
 * @param scenario    scenario name
 * @param interrupted whether the run was cut short
 * @param environment the machine
 * @param runs        one entry per consumer run
 * @param effectiveScenario every scenario key as the run used it
 * @param command     how the run was started
 */
public record Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                      Map<String, Object> effectiveScenario, String command) {
}
