package io.nicsim.bench.results;

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
 * @param stalled     two-process mode ({@code nicsim host}): whether the NIC process went silent (no heartbeat for
 *                    {@code run.stallTimeout}); the summary then holds what the host had, accounting balanced over
 *                    the packets the NIC had reported. Absent in one-process runs
 * @param twoProcess  two-process mode: the host's view of the run (restarts, packets read by earlier hosts); absent
 *                    in one-process runs
 * @param machineChecks what nicsim checked of the machine before a paced study, with its warnings; absent for
 *                    virtual studies
 * @param jitWarmup   what the paced study's uncounted JIT warm-up round waited; absent without one
 * @param cutShort    why nicsim stopped the study itself (a filesystem below its free-space floor: the run in progress
 *                    stopped its traffic and drained, later runs did not start; {@code interrupted} is then true
 *                    too); absent otherwise
 */
public record Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                      Map<String, Object> effectiveScenario, String command,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Comparison comparison,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean stalled,
                      @JsonInclude(JsonInclude.Include.NON_NULL) TwoProcessReport twoProcess,
                      @JsonInclude(JsonInclude.Include.NON_NULL) MachineChecks machineChecks,
                      @JsonInclude(JsonInclude.Include.NON_NULL) JitWarmupReport jitWarmup,
                      @JsonInclude(JsonInclude.Include.NON_NULL) CutShort cutShort) {

    /** A summary nicsim did not cut short. */
    public Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                   Map<String, Object> effectiveScenario, String command, Comparison comparison, Boolean stalled,
                   TwoProcessReport twoProcess, MachineChecks machineChecks, JitWarmupReport jitWarmup) {
        this(scenario, interrupted, environment, runs, effectiveScenario, command, comparison, stalled, twoProcess,
                machineChecks, jitWarmup, null);
    }

    /** @return this summary saying why nicsim cut it short (null: it did not) */
    public Summary withCutShort(CutShort why) {
        return new Summary(scenario, interrupted || why != null, environment, runs, effectiveScenario, command,
                comparison, stalled, twoProcess, machineChecks, jitWarmup, why);
    }

    /** A summary without a JIT warm-up round. */
    public Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                   Map<String, Object> effectiveScenario, String command, Comparison comparison, Boolean stalled,
                   TwoProcessReport twoProcess, MachineChecks machineChecks) {
        this(scenario, interrupted, environment, runs, effectiveScenario, command, comparison, stalled, twoProcess,
                machineChecks, null);
    }

    /** A summary without machine checks. */
    public Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                   Map<String, Object> effectiveScenario, String command, Comparison comparison, Boolean stalled,
                   TwoProcessReport twoProcess) {
        this(scenario, interrupted, environment, runs, effectiveScenario, command, comparison, stalled, twoProcess,
                null);
    }

    /** @return this summary with the machine checks of its study */
    public Summary withMachineChecks(MachineChecks checks) {
        return new Summary(scenario, interrupted, environment, runs, effectiveScenario, command, comparison, stalled,
                twoProcess, checks, jitWarmup, cutShort);
    }

    /** @return this summary with what its JIT warm-up round waited */
    public Summary withJitWarmup(JitWarmupReport warmup) {
        return new Summary(scenario, interrupted, environment, runs, effectiveScenario, command, comparison, stalled,
                twoProcess, machineChecks, warmup, cutShort);
    }

    public Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                   Map<String, Object> effectiveScenario, String command) {
        this(scenario, interrupted, environment, runs, effectiveScenario, command, null);
    }

    /** A one-process summary. */
    public Summary(String scenario, boolean interrupted, Environment environment, List<RunResult> runs,
                   Map<String, Object> effectiveScenario, String command, Comparison comparison) {
        this(scenario, interrupted, environment, runs, effectiveScenario, command, comparison, null, null);
    }
}
