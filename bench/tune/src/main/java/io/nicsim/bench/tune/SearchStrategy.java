package io.nicsim.bench.tune;

import java.util.Map;

/** How the points of a space are chosen: each proposal goes through a {@link NoisyObjective}. */
public interface SearchStrategy {

    /** @return what it does, for the report: one sentence */
    String describe();

    /**
     * Proposes points until it is done or the phase's runs are spent ({@link Trials.Exhausted}, which ends the
     * search normally).
     *
     * @param start the starting point (already measured)
     */
    void search(ParameterSpace space, Map<String, String> start, NoisyObjective objective);

    /**
     * @return an exhaustive search when the space has no more points than the search has runs (nothing can do
     *         better), else CMA-ES
     */
    static SearchStrategy choose(ParameterSpace space, int searchRuns, long seed) {
        return space.size() <= searchRuns ? new GridSearch() : new CmaesSearch(seed);
    }
}
