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
 * interleaved ({@link AbRound}), several rounds. A constraint counts as met when the median over the rounds meets it.
 * "Better" needs either the constraints met where the start misses them, or a lower objective in enough rounds that
 * a one-sided sign test gives p &lt;= {@value #ALPHA} (5 of 5 rounds, 6 of 7...). Fresh runs only: the search's runs
 * chose the candidate, so reusing them would favour it (the winner's curse).
 */
public final class AbTest {

    /** Significance a sign test must reach for "better". */
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
                Measurement first = trials.measure(startFirst ? start : best, startFirst ? "ab-start" : "ab-best", false);
                Measurement second = trials.measure(startFirst ? best : start, startFirst ? "ab-best" : "ab-start", false);
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

    /** @return one-sided sign test: the chance of {@code wins} or more of {@code n} fair coin flips */
    public static double signTestP(int wins, int n) {
        double p = 0;
        for (int k = wins; k <= n; k++) {
            p += binomial(n, k) / Math.pow(2, n);
        }
        return Math.min(1, p);
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /** @return the verdict on these rounds (at least one) */
    public static Verdict decide(Goal goal, List<AbRound> rounds, int roundsPlanned) {
        if (rounds.size() < roundsPlanned) {
            return new Verdict(Verdict.Outcome.NOT_TESTED, false, false, "not tested: the A/B was stopped after "
                    + rounds.size() + " of " + roundsPlanned + " rounds");
        }
        Map<String, Double> startMedians = medians(spreads(rounds, false));
        Map<String, Double> bestMedians = medians(spreads(rounds, true));
        boolean startMeets = goal.feasible(startMedians);
        boolean bestMeets = goal.feasible(bestMedians);
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
        double p = signTestP(lower, n);
        String test = String.format(Locale.ROOT, "lower in %d of %d interleaved rounds (sign test p=%.3f)", lower, n, p);
        double bestObjective = Goal.value(bestMedians, objective);
        double startObjective = Goal.value(startMedians, objective);
        String both = goal.constraints().isEmpty() ? "" : "; both meet the constraints";
        if (bestObjective < startObjective && p <= ALPHA) {
            return new Verdict(Verdict.Outcome.BETTER, true, true, "better: " + versus + ", " + test + both);
        }
        if (bestObjective < startObjective) {
            return new Verdict(Verdict.Outcome.NOT_SHOWN_BETTER, false, true, "not shown better: " + versus + ", "
                    + test + ", too few to tell it from noise" + both);
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

    private static Map<String, Double> medians(Map<String, Spread> spreads) {
        Map<String, Double> medians = new LinkedHashMap<>();
        spreads.forEach((k, v) -> medians.put(k, v.median()));
        return medians;
    }
}
