package io.nicsim.bench.tune;

import io.nicsim.bench.scenario.ScenarioException;

/**
 * How a tune spends its budget of runs: the search first, then repeats of the most promising points, then the A/B
 * (two runs per round). Runs the search leaves (it stops early when it has converged) go to the repeats; runs the
 * repeats leave are not spent.
 *
 * @param total      every run of the tune, the A/B included
 * @param searchRuns the start and the search's runs
 * @param repeatRuns runs kept for repeats (more if the search ends early)
 * @param abRuns     the A/B's runs: 2 per round
 */
public record BudgetPlan(int total, int searchRuns, int repeatRuns, int abRuns) {

    /** How many of the best points get repeats. */
    public static final int PROMISING = 3;

    /**
     * @param repeats  runs each promising point should have
     * @param abRounds rounds of the A/B
     * @throws ScenarioException if the budget cannot hold the A/B and a search of at least two runs
     */
    public static BudgetPlan of(int total, int repeats, int abRounds) throws ScenarioException {
        if (total < 1) {
            throw new ScenarioException("--budget", null, "expected at least 1 run, found " + total);
        }
        if (repeats < 1) {
            throw new ScenarioException("--repeats", null, "expected at least 1, found " + repeats);
        }
        if (abRounds < 1) {
            throw new ScenarioException("--ab-rounds", null, "expected at least 1, found " + abRounds);
        }
        int abRuns = 2 * abRounds;
        if (total < abRuns + 2) {
            throw new ScenarioException("--budget", null, total + " runs cannot hold the A/B (" + abRounds
                    + " rounds = " + abRuns + " runs) and a search of at least 2 runs: give --budget " + (abRuns + 2)
                    + " or more, or fewer --ab-rounds");
        }
        int left = total - abRuns;
        int repeatRuns = Math.min((repeats - 1) * PROMISING, left / 4);
        return new BudgetPlan(total, left - repeatRuns, repeatRuns, abRuns);
    }
}
