package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The A/B that decides whether the best found is better than the start: both re-measured in the same invocation,
 * interleaved ({@link AbRound}), several rounds. A setting meets a constraint when more than half of its rounds do
 * (for an odd count, when its median does; for an even one, half is not enough).
 * "Better" needs either the constraints met where the start misses them, or a lower objective by a one-sided
 * Mann-Whitney rank-sum test at p &lt;= {@value #ALPHA} over the rounds' runs (with 6 rounds: every run of the best
 * below every run of the start gives p = 0.001, and one run of the best disturbed by the machine still passes with
 * p = 0.03). A rank test, not a sign test on the pairs: on a small VM one run in several is hit by a pause, and a
 * sign test over 6 pairs would need every pair clean. Fresh runs only: the search's runs chose the candidate, so
 * reusing them would favour it (the
 * winner's curse).
 */
public final class AbTest {

    /** Significance the rank-sum test must reach for "better". */
    public static final double ALPHA = 0.05;

    private AbTest() {
    }

    /**
     * Runs the rounds; stops early (and returns the rounds run) if the budget or a stop request ends them.
     */
    public static List<AbRound> run(Trials trials, PointRecord start, PointRecord best, int rounds) {
        List<AbRound> done = new ArrayList<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                boolean startFirst = round % 2 == 1;
                Measurement first = trials.measure(startFirst ? start : best, startFirst ? "ab-start" : "ab-best",
                        false);
                Measurement second = trials.measure(startFirst ? best : start, startFirst ? "ab-best" : "ab-start",
                        false);
                done.add(new AbRound(round, startFirst, (startFirst ? first : second).values(),
                        (startFirst ? second : first).values()));
            }
        } catch (Trials.Exhausted e) {
            // stopped: the rounds run so far are all there is
        }
        return done;
    }

    /** @return each metric's spread over the rounds, for one arm */
    public static Map<String, Spread> spreads(List<AbRound> rounds, boolean best) {
        Set<String> names = new LinkedHashSet<>();
        rounds.forEach(r -> names.addAll((best ? r.best() : r.start()).keySet()));
        Map<String, Spread> spreads = new LinkedHashMap<>();
        for (String name : names) {
            spreads.put(name, Spread.of(rounds.stream().map(r -> (best ? r.best() : r.start()).get(name)).toList()));
        }
        return spreads;
    }

    /** @return in how many rounds the best found's value of {@code metric} was lower than the start's */
    public static int lowerIn(List<AbRound> rounds, Metric metric) {
        int lower = 0;
        for (AbRound r : rounds) {
            if (Goal.value(r.best(), metric) < Goal.value(r.start(), metric)) {
                lower++;
            }
        }
        return lower;
    }

    /**
     * One-sided Mann-Whitney rank-sum test, exact: the chance that, with no difference between the two, the best's
     * values would beat the start's values in at least as many of the pairs (one from each) as they did.
     *
     * @return p, from 0 to 1 (a tie counts half; the count is rounded down, which errs toward "not shown")
     */
    public static double rankSumP(List<Double> best, List<Double> start) {
        int n1 = best.size();
        int n2 = start.size();
        if (n1 == 0 || n2 == 0) {
            return 1;
        }
        double u = 0;
        for (double b : best) {
            for (double s : start) {
                u += b < s ? 1 : b == s ? 0.5 : 0;
            }
        }
        // counts[m][n][k]: orderings of m best and n start values where k pairs have the best lower
        long[][][] counts = new long[n1 + 1][n2 + 1][];
        for (int m = 0; m <= n1; m++) {
            for (int n = 0; n <= n2; n++) {
                counts[m][n] = new long[m * n + 1];
                if (m == 0 || n == 0) {
                    counts[m][n][0] = 1;
                    continue;
                }
                for (int k = 0; k <= m * n; k++) {
                    // the largest value is a best one (it beats nobody) or a start one (every best value beats it)
                    long largestIsBest = k <= (m - 1) * n ? counts[m - 1][n][k] : 0;
                    long largestIsStart = k >= m && k - m <= m * (n - 1) ? counts[m][n - 1][k - m] : 0;
                    counts[m][n][k] = largestIsBest + largestIsStart;
                }
            }
        }
        long[] distribution = counts[n1][n2];
        double total = 0;
        double atLeast = 0;
        for (int k = 0; k < distribution.length; k++) {
            total += distribution[k];
            if (k >= (int) Math.floor(u)) {
                atLeast += distribution[k];
            }
        }
        return atLeast / total;
    }

    private static List<Double> values(List<AbRound> rounds, Metric metric, boolean best) {
        return rounds.stream().map(r -> Goal.value(best ? r.best() : r.start(), metric)).filter(v -> !Double.isNaN(v))
                .toList();
    }

    /** @return the verdict on these rounds (at least one) */
    public static Verdict decide(Goal goal, List<AbRound> rounds, int roundsPlanned) {
        if (rounds.size() < roundsPlanned) {
            return new Verdict(Verdict.Outcome.NOT_TESTED, false, false, "not tested: the A/B was stopped after "
                    + rounds.size() + " of " + roundsPlanned + " rounds");
        }
        Map<String, Double> startMedians = medians(spreads(rounds, false));
        Map<String, Double> bestMedians = medians(spreads(rounds, true));
        boolean startMeets = meetsInMostRounds(goal, rounds, false);
        boolean bestMeets = meetsInMostRounds(goal, rounds, true);
        Metric objective = goal.objective();
        int n = rounds.size();
        String versus = compare(rounds, objective);
        if (!bestMeets) {
            return new Verdict(Verdict.Outcome.NOT_MET, false, false, "no setting met the constraints: in the A/B the"
                    + " best found had " + constraintFigures(goal, rounds) + " over " + n + " interleaved rounds");
        }
        if (!startMeets) {
            return new Verdict(Verdict.Outcome.BETTER, true, true, "better: it meets every constraint, the start does"
                    + " not: " + constraintFigures(goal, rounds) + " over " + n + " interleaved rounds; " + versus);
        }
        int lower = lowerIn(rounds, objective);
        double p = rankSumP(values(rounds, objective, true), values(rounds, objective, false));
        String test = String.format(Locale.ROOT, "lower in %d of %d interleaved rounds (rank-sum test p=%.3f)", lower,
                n, p);
        double bestObjective = Goal.value(bestMedians, objective);
        double startObjective = Goal.value(startMedians, objective);
        String both = goal.constraints().isEmpty() ? "" : "; both meet the constraints";
        if (bestObjective < startObjective && p <= ALPHA) {
            return new Verdict(Verdict.Outcome.BETTER, true, true, "better: " + versus + ", " + test + both);
        }
        if (bestObjective < startObjective) {
            return new Verdict(Verdict.Outcome.NOT_SHOWN_BETTER, false, true, "not shown better: " + versus + ", "
                    + test + ", not enough to tell it from noise" + both);
        }
        return new Verdict(Verdict.Outcome.NOT_BETTER, false, true, "not better: " + versus + both);
    }

    /** @return {@code interruptsPerSecond 9,800/s (9,700..9,900) against 19,200/s (19,100..19,300) for the start} */
    private static String compare(List<AbRound> rounds, Metric metric) {
        Spread best = spreads(rounds, true).getOrDefault(metric.name(), Spread.of(List.of()));
        Spread start = spreads(rounds, false).getOrDefault(metric.name(), Spread.of(List.of()));
        return metric.name() + " " + best.format(metric) + " against " + start.format(metric) + " for the start";
    }

    private static String constraintFigures(Goal goal, List<AbRound> rounds) {
        List<String> parts = new ArrayList<>();
        for (Constraint c : goal.constraints()) {
            Spread best = spreads(rounds, true).getOrDefault(c.metric().name(), Spread.of(List.of()));
            Spread start = spreads(rounds, false).getOrDefault(c.metric().name(), Spread.of(List.of()));
            int met = 0;
            for (AbRound r : rounds) {
                met += c.met(Goal.value(r.best(), c.metric())) ? 1 : 0;
            }
            parts.add(c.metric().name() + " " + best.format(c.metric()) + " against " + start.format(c.metric())
                    + " for the start (" + c.describe() + ": met in " + met + " of " + rounds.size() + " rounds)");
        }
        return String.join("; ", parts);
    }

    /** @return whether every constraint is met in more than half of the rounds by one arm */
    static boolean meetsInMostRounds(Goal goal, List<AbRound> rounds, boolean best) {
        for (Constraint c : goal.constraints()) {
            int met = 0;
            for (AbRound r : rounds) {
                met += c.met(Goal.value(best ? r.best() : r.start(), c.metric())) ? 1 : 0;
            }
            if (2 * met <= rounds.size()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Double> medians(Map<String, Spread> spreads) {
        Map<String, Double> medians = new LinkedHashMap<>();
        spreads.forEach((k, v) -> medians.put(k, v.median()));
        return medians;
    }
}
