package io.nicsim.bench.tune;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

import java.util.Arrays;
import java.util.Map;

/**
 * CMA-ES (Hipparchus {@link CMAESOptimizer}) over the searched keys scaled to [0, 1], each proposal projected into
 * the ranges and rounded to a real setting, restarted with a doubled population while the budget lasts (IPOP-CMA-ES,
 * Auger and Hansen 2005).
 * CMA-ES ranks the points of each generation and never fits a model to their values, so a noisy run or the plateaus
 * rounding makes mislead it less than a model-based method such as BOBYQA (which interpolates a quadratic through
 * single values); the trade-off is more runs per step (a generation of 4 to 8 points) than a model-based method
 * needs on a smooth, exact function.
 */
public final class CmaesSearch implements SearchStrategy {

    /** Initial step, as a fraction of each key's range. */
    static final double SIGMA = 0.3;
    /** Restarts after the first run, each with twice the population. */
    static final int MAX_RESTARTS = 6;
    /** Proposals per restart, most of them free once the search returns to measured points. */
    private static final int MAX_PROPOSALS = 2_000;
    private static final int MAX_GENERATIONS = 1_000;
    /** Relative penalty per unit of distance outside [0, 1]: ranks a projected proposal, never moves a value much. */
    private static final double OUTSIDE_PENALTY = 1e-6;

    private final long seed;

    /** @param seed the random generator's seed: the same seed and measurements give the same proposals */
    public CmaesSearch(long seed) {
        this.seed = seed;
    }

    @Override
    public String describe() {
        return "CMA-ES (Hipparchus), keys scaled to [0, 1] and rounded to real settings, IPOP restarts, seed " + seed;
    }

    /**
     * Bounds by projection: a proposal outside [0, 1] is measured at the nearest edge, and ranks just below a
     * proposal that is there already (a penalty far smaller than any difference between two settings). Optima at
     * an edge of a range are common (the largest rxUsecs a latency bound allows, rxFrames at its top), and a
     * penalty scaled by the generation's spread of scores (Hipparchus's own bound handling) would push the search
     * away from them whenever a generation holds an infeasible point, whose score is huge.
     */
    static double projected(double[] positions, NoisyObjective objective) {
        double[] inside = new double[positions.length];
        double outside = 0;
        for (int i = 0; i < positions.length; i++) {
            inside[i] = Math.min(1, Math.max(0, positions[i]));
            outside += Math.abs(positions[i] - inside[i]);
        }
        double value = objective.value(inside);
        return value + outside * Math.max(Math.abs(value), 1) * OUTSIDE_PENALTY;
    }

    /** @return CMA-ES's default population for {@code dimensions} keys: 4 + 3 ln(n) */
    static int population(int dimensions) {
        return 4 + (int) (3 * Math.log(dimensions));
    }

    @Override
    public void search(ParameterSpace space, Map<String, String> start, NoisyObjective objective) {
        int dimensions = space.dimensions();
        double[] sigma = new double[dimensions];
        Arrays.fill(sigma, SIGMA);
        RandomGenerator random = new Well19937c(seed);
        double[] guess = space.encode(start);
        int population = population(dimensions);
        for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
            int runsBefore = objective.runsUsed();
            CMAESOptimizer optimizer = new CMAESOptimizer(MAX_GENERATIONS, Double.NEGATIVE_INFINITY, true, 0, 0,
                    random, false, null);
            try {
                optimizer.optimize(new MaxEval(MAX_PROPOSALS), new ObjectiveFunction(u -> projected(u, objective)),
                        GoalType.MINIMIZE, new InitialGuess(guess), SimpleBounds.unbounded(dimensions),
                        new CMAESOptimizer.Sigma(sigma),
                        new CMAESOptimizer.PopulationSize(population));
            } catch (MathIllegalStateException e) {
                // proposals for this restart used up: restart
            }
            if (objective.runsUsed() == runsBefore) {
                return; // a whole restart ran nothing: converged on what it has measured
            }
            guess = objective.bestPositions();
            population *= 2;
        }
    }
}
