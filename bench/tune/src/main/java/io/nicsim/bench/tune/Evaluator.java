package io.nicsim.bench.tune;

import java.util.Map;

/**
 * Measures one point of the search: the scenario with some parameter values, run once. {@link RunEvaluator} runs
 * the simulator; tests plug in a deterministic function with a known optimum, so the search is checked without
 * timing.
 */
public interface Evaluator {

    /**
     * @param point the parameter values (every key of the space)
     * @param index the evaluation's number in the tune, from 1
     * @param phase why it runs: {@code start}, {@code search}, {@code repeat}, {@code ab-start}, {@code ab-best}
     * @return the run's figures, at least those of {@link Metric#STANDARD} it can measure and those asked for
     * @throws Exception if the run failed (a simulator thread died, an I/O error): the tune stops
     */
    Measurement measure(Map<String, String> point, int index, String phase) throws Exception;

    /** @return why the simulator refuses these values (a combination the policy rejects), or null if it accepts them */
    default String refusal(Map<String, String> point) {
        return null;
    }

    /** Runs once before the first evaluation, unrecorded (a fresh JVM's first run measures the JIT compiler). */
    default void warmUp(Map<String, String> start) throws Exception {
    }
}
