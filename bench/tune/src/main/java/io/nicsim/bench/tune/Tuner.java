package io.nicsim.bench.tune;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A tune from start to verdict: measures the start, searches ({@link SearchStrategy}), repeats the most promising
 * points ({@link #repeat}), picks the best, and re-measures it against the start in an interleaved A/B
 * ({@link AbTest}), all within one budget of runs ({@link BudgetPlan}).
 */
public final class Tuner {

    /**
     * @param budget   runs in all
     * @param repeats  runs each promising point should have before the best is picked
     * @param abRounds rounds of the A/B
     * @param seed     the optimizer's random seed
     * @param marginPercent the guard band the points are ranked with (the {@link Trials} apply it), for the record
     */
    public record Settings(int budget, int repeats, int abRounds, long seed, double marginPercent) {

        public Settings(int budget, int repeats, int abRounds, long seed) {
            this(budget, repeats, abRounds, seed, 0);
        }
    }

    /**
     * What a tune found.
     *
     * @param trials      every point and run
     * @param plan        how the budget was split
     * @param optimizer   the search strategy, described
     * @param start       the start point
     * @param best        the best found (the start if nothing beat it)
     * @param rounds      the A/B's rounds (empty if there was none)
     * @param verdict     the conclusion
     * @param interrupted whether a stop request ended the tune early
     */
    public record Outcome(Trials trials, BudgetPlan plan, String optimizer, PointRecord start, PointRecord best,
                          List<AbRound> rounds, Verdict verdict, boolean interrupted) {
    }

    private Tuner() {
    }

    /**
     * @param space    what to search
     * @param start    the scenario's own values of the space's keys
     * @param trials   the runs (evaluator, goal, budget, stop)
     * @param settings budget split, repeats, rounds, seed
     * @param phases   told when each phase begins, one line
     * @throws Exception if a run failed
     */
    public static Outcome run(ParameterSpace space, Map<String, String> start, Trials trials, Settings settings,
                              Consumer<String> phases, Evaluator evaluator) throws Exception {
        BudgetPlan plan = BudgetPlan.of(settings.budget(), settings.repeats(), settings.abRounds());
        SearchStrategy strategy = SearchStrategy.choose(space, plan.searchRuns() - 1, settings.seed());
        try {
            evaluator.warmUp(start);
            PointRecord startPoint = trials.point(start);
            phases.accept("search: " + strategy.describe() + "; " + plan.searchRuns() + " runs, the start first");
            trials.limitTo(plan.searchRuns());
            try {
                trials.measure(startPoint, "start", true);
                strategy.search(space, start, new NoisyObjective(space, trials, settings.repeats(),
                        BudgetPlan.PROMISING));
            } catch (Trials.Exhausted e) {
                // the search's runs are spent
            } finally {
                trials.settle();
            }
            trials.limitTo(plan.total() - plan.abRuns());
            if (!trials.stopped() && settings.repeats() > 1) { // one run each: nothing to repeat (virtual time)
                phases.accept("repeats: the " + BudgetPlan.PROMISING + " best points up to " + settings.repeats()
                        + " runs each; " + Math.max(0, plan.total() - plan.abRuns() - trials.used())
                        + " runs left for them");
                repeat(trials, settings.repeats());
            }
            PointRecord best = pick(trials, settings.repeats(), startPoint);
            if (trials.stopped()) {
                return new Outcome(trials, plan, strategy.describe(), startPoint, best, List.of(),
                        new Verdict(Verdict.Outcome.NOT_TESTED, false, false, "not tested: stopped before the A/B"),
                        true);
            }
            if (best == startPoint) {
                return new Outcome(trials, plan, strategy.describe(), startPoint, best, List.of(),
                        new Verdict(Verdict.Outcome.START_IS_BEST, false, trials.feasible(startPoint),
                                "no better setting found: the start scored best of the " + trials.ranked().size()
                                        + " points measured; no A/B"), false);
            }
            trials.limitTo(plan.total());
            phases.accept("A/B: point #" + best.id() + " (" + ParameterSpace.label(best.parameters())
                    + ") against the start, " + settings.abRounds() + " interleaved rounds");
            List<AbRound> rounds = AbTest.run(trials, startPoint, best, settings.abRounds());
            Verdict verdict = AbTest.decide(trials.goal(), rounds, settings.abRounds());
            return new Outcome(trials, plan, strategy.describe(), startPoint, best, rounds, verdict, trials.stopped());
        } catch (Trials.Failed e) {
            throw (Exception) e.getCause();
        }
    }

    /**
     * Noise handling after the search: while runs are left, runs again the best-ranked of the {@value
     * BudgetPlan#PROMISING} best points that has fewer than {@code repeats} runs, re-ranking after each run (a point
     * whose median falls drops out, the next one moves up).
     */
    static void repeat(Trials trials, int repeats) {
        try {
            while (true) {
                List<PointRecord> ranked = trials.ranked();
                PointRecord next = ranked.subList(0, Math.min(BudgetPlan.PROMISING, ranked.size())).stream()
                        .filter(p -> p.n() < repeats).findFirst().orElse(null);
                if (next == null) {
                    return;
                }
                trials.measure(next, "repeat", true);
            }
        } catch (Trials.Exhausted e) {
            // no runs left
        }
    }

    /**
     * @return the best-ranked point among those with the most runs a promising point reached (at most
     *         {@code repeats}): a point measured once cannot win over points whose medians stood up to repeats
     */
    static PointRecord pick(Trials trials, int repeats, PointRecord start) {
        List<PointRecord> ranked = trials.ranked();
        if (ranked.isEmpty()) {
            return start;
        }
        int top = Math.min(BudgetPlan.PROMISING, ranked.size());
        int runs = Math.min(repeats, ranked.subList(0, top).stream().mapToInt(PointRecord::n).max().orElse(1));
        return ranked.stream().filter(p -> p.n() >= runs).findFirst().orElse(ranked.getFirst());
    }
}
