package io.nicsim.bench.tune;

import java.util.List;
import java.util.Map;

/**
 * Every point of the space, once each, in order: exhaustive, so it finds the best measured point for sure, but
 * affordable only for small spaces (dim's two profile tables, adaptive-itr's two modes, a pinned range).
 */
public final class GridSearch implements SearchStrategy {

    @Override
    public String describe() {
        return "exhaustive: every point of the space once (the space is no larger than the search budget)";
    }

    @Override
    public void search(ParameterSpace space, Map<String, String> start, NoisyObjective objective) {
        if (objective.isParallel()) {
            objective.prefetchValues(List.copyOf(space.enumerate()));
        }
        for (Map<String, String> point : space.enumerate()) {
            objective.propose(point);
        }
    }
}
