package io.nicsim.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * summary.json: a contract other tools read. Extend it; never rename these keys.
 *
 * @param scenario    scenario name
 * @param interrupted whether the study was cut short (Ctrl-C, SIGTERM): runs not started are absent, the last
 *                    one may have stopped its traffic early; every run's accounting balances
 * @param environment the machine
 * @param runs        one entry per consumer run
 * @param effectiveScenario every scenario key as the run used it
 * @param command     how the run was started
 * @param comparison  ratios of each run to the first ({@code nicsim compare}); absent otherwise
 */
public record Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                      Map<String, Object> effectiveScenario, String command,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Comparison comparison) {

    public Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                   Map<String, Object> effectiveScenario, String command) {
        this(scenario, interrupted, environment, runs, effectiveScenario, command, null);
    }
}
