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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CMA-ES (Hipparchus {@link CMAESOptimizer}) over the searched keys scaled to [0, 1], each proposal projected into
 * the ranges and rounded to a real setting, restarted with a doubled population while the budget lasts (IPOP-CMA-ES,
 * Auger and Hansen 2005).
 * CMA-ES ranks the points of each generation and never fits a model to their values, so a noisy run or the plateaus
 * rounding makes mislead it less than a model-based method such as BOBYQA (which interpolates a quadratic through
 * single values); the trade-off is more runs per step (a generation of 4 to 8 points) than a model-based method
 * needs on a smooth, exact function.
 * <p>
 * In parallel ({@link NoisyObjective#isParallel()}, virtual time), a generation's proposals are run at once: they do
 * not depend on each other's scores, but Hipparchus asks for them one at a time. So when a proposal needs a run, a
 * shadow search replays this one from the start with the same seed and the answers recorded so far (the same
 * proposals, deterministically), collects the rest of the generation (answering them with a dummy score, unused as
 * the generation ends there) and stops; those proposals' runs start on the pool ({@link Trials#prefetch}) and the
 * real search then takes their results in order. Runs, numbers and folders are the sequential search's.
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
    static double projected(double[] positions, SearchObjective objective, boolean lastOfGeneration) {
        double[] inside = new double[positions.length];
        double outside = 0;
        for (int i = 0; i < positions.length; i++) {
            inside[i] = Math.min(1, Math.max(0, positions[i]));
            outside += Math.abs(positions[i] - inside[i]);
        }
        double value = objective.value(inside, lastOfGeneration);
        return value + outside * Math.max(Math.abs(value), 1) * OUTSIDE_PENALTY;
    }

    /** @return CMA-ES's default population for {@code dimensions} keys: 4 + 3 ln(n) */
    static int population(int dimensions) {
        return 4 + (int) (3 * Math.log(dimensions));
    }

    @Override
    public void search(ParameterSpace space, Map<String, String> start, NoisyObjective objective) {
        if (objective.isParallel()) {
            search(space, start, new Recorder(space, start, objective));
        } else {
            search(space, start, new SearchObjective() {
                @Override
                public double value(double[] positions, boolean lastOfGeneration) {
                    return objective.value(positions);
                }

                @Override
                public int runsUsed() {
                    return objective.runsUsed();
                }

                @Override
                public double[] bestPositions() {
                    return objective.bestPositions();
                }
            });
        }
    }

    /**
     * The search itself. Hipparchus's optimizer evaluates the initial guess alone, then each generation's
     * {@code population} proposals one after another: {@code lastOfGeneration} follows that count.
     */
    void search(ParameterSpace space, Map<String, String> start, SearchObjective objective) {
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
            int lambda = population;
            int[] calls = {0};
            try {
                optimizer.optimize(new MaxEval(MAX_PROPOSALS), new ObjectiveFunction(u -> {
                    int call = calls[0]++;
                    return projected(u, objective, call % lambda == 0);
                }),
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

    /** The real search's answers, recorded; before a run no shadow has foreseen, a shadow foresees its generation. */
    private final class Recorder implements SearchObjective {
        private final ParameterSpace space;
        private final Map<String, String> start;
        private final NoisyObjective objective;
        private final List<Object> answers = new ArrayList<>();

        Recorder(ParameterSpace space, Map<String, String> start, NoisyObjective objective) {
            this.space = space;
            this.start = start;
            this.objective = objective;
        }

        @Override
        public double value(double[] positions, boolean lastOfGeneration) {
            if (objective.needsRun(positions)) {
                List<double[]> generation = new ArrayList<>();
                generation.add(positions.clone());
                if (!lastOfGeneration) {
                    Replay replay = new Replay(answers);
                    try {
                        new CmaesSearch(seed).search(space, start, replay);
                    } catch (Replay.Foreseen e) {
                        // the generation is collected
                    }
                    generation = replay.collected;
                }
                objective.prefetch(generation);
            }
            double value = objective.value(positions);
            answers.add(value);
            return value;
        }

        @Override
        public int runsUsed() {
            int runs = objective.runsUsed();
            answers.add(runs);
            return runs;
        }

        @Override
        public double[] bestPositions() {
            double[] best = objective.bestPositions();
            answers.add(best.clone());
            return best;
        }
    }

    /** Answers as recorded; past the record, collects the proposals up to the end of the generation, then stops. */
    private static final class Replay implements SearchObjective {
        /** Ends the shadow search. */
        static final class Foreseen extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Foreseen() {
                super("generation foreseen", null, false, false);
            }
        }

        private final List<Object> answers;
        private final List<double[]> collected = new ArrayList<>();
        private int next;

        Replay(List<Object> answers) {
            this.answers = answers;
        }

        @Override
        public double value(double[] positions, boolean lastOfGeneration) {
            if (next < answers.size()) {
                return (Double) answers.get(next++);
            }
            collected.add(positions.clone());
            if (lastOfGeneration) {
                throw new Foreseen();
            }
            return 0; // not read: the generation's remaining proposals do not depend on it
        }

        @Override
        public int runsUsed() {
            if (next < answers.size()) {
                return (Integer) answers.get(next++);
            }
            throw new Foreseen(); // the restart ended inside the generation (its proposals were used up)
        }

        @Override
        public double[] bestPositions() {
            if (next < answers.size()) {
                return ((double[]) answers.get(next++)).clone();
            }
            throw new Foreseen();
        }
    }
}
