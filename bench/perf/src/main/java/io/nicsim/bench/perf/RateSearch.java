package io.nicsim.bench.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Finds the highest rate a trial sustains: double from a start rate until a trial fails (or halve until one
 * passes), then bisect between the highest pass and the lowest failure until they are within a relative
 * resolution, bounded by a number of trials and a time budget. It assumes that a rate above a failing one
 * fails too; on a noisy machine that is true only roughly, so every step is kept and reported.
 */
public final class RateSearch {

    /** One trial at one rate. */
    public interface Trial<T> {
        /** Runs the trial; the outcome says whether the rate was sustained. */
        T run(double ratePerSecond) throws Exception;
    }

    /**
     * @param startRate     first rate tried
     * @param minRate       below this, give up halving (nothing sustained)
     * @param maxRate       above this, stop doubling (the search's ceiling was sustained)
     * @param resolution    stop bisecting when lowest failure / highest pass is below {@code 1 + resolution}
     * @param maxTrials     at most this many trials
     * @param budgetNanos   start no trial after this much time has passed
     * @param roundToRate   trial rates are rounded to a multiple of this (for readable rates)
     */
    public record Limits(double startRate, double minRate, double maxRate, double resolution, int maxTrials,
                         long budgetNanos, double roundToRate) {
        public Limits {
            if (!(startRate > 0) || !(minRate > 0) || minRate > startRate || maxRate < startRate) {
                throw new IllegalArgumentException("need 0 < minRate <= startRate <= maxRate, got " + minRate + ", "
                        + startRate + ", " + maxRate);
            }
            if (!(resolution > 0) || maxTrials < 1 || budgetNanos <= 0 || roundToRate < 0) {
                throw new IllegalArgumentException("need resolution > 0, maxTrials >= 1, budget > 0, rounding >= 0");
            }
        }
    }

    /** One step of the search. */
    public record Step<T>(double ratePerSecond, boolean sustained, T outcome) {
    }

    /**
     * @param highestSustained the highest rate that passed, 0 if none did
     * @param lowestFailed     the lowest rate above it that failed, +infinity if none did
     * @param stoppedBy        why the search stopped: {@code resolution}, {@code ceiling}, {@code floor},
     *                         {@code trials} or {@code time}
     */
    public record Outcome<T>(double highestSustained, double lowestFailed, String stoppedBy, List<Step<T>> steps) {
    }

    private RateSearch() {
    }

    public static <T> Outcome<T> search(Trial<T> trial, java.util.function.Predicate<T> sustained, Limits limits,
                                        LongSupplier nanoClock) throws Exception {
        long startNanos = nanoClock.getAsLong();
        List<Step<T>> steps = new ArrayList<>();
        double pass = 0;
        double fail = Double.POSITIVE_INFINITY;
        double rate = limits.startRate();
        String stoppedBy;
        while (true) {
            if (steps.size() >= limits.maxTrials()) {
                stoppedBy = "trials";
                break;
            }
            if (nanoClock.getAsLong() - startNanos >= limits.budgetNanos()) {
                stoppedBy = "time";
                break;
            }
            T outcome = trial.run(rate);
            boolean ok = sustained.test(outcome);
            steps.add(new Step<>(rate, ok, outcome));
            if (ok) {
                pass = Math.max(pass, rate);
            } else {
                fail = Math.min(fail, rate);
            }
            if (ok && pass >= limits.maxRate()) {
                stoppedBy = "ceiling";
                break;
            }
            if (!ok && pass == 0 && rate <= limits.minRate()) {
                stoppedBy = "floor";
                break;
            }
            if (pass > 0 && fail / pass < 1 + limits.resolution()) {
                stoppedBy = "resolution";
                break;
            }
            double next;
            if (fail == Double.POSITIVE_INFINITY) {
                next = Math.min(pass * 2, limits.maxRate());
            } else if (pass == 0) {
                next = Math.max(fail / 2, limits.minRate());
            } else {
                next = Math.sqrt(pass * fail);
            }
            next = round(next, limits.roundToRate());
            if (next <= pass || next >= fail) {
                stoppedBy = "resolution"; // rounding leaves no rate between them
                break;
            }
            rate = next;
        }
        return new Outcome<>(pass, fail, stoppedBy, List.copyOf(steps));
    }

    private static double round(double rate, double step) {
        return step <= 0 ? rate : Math.max(step, Math.round(rate / step) * step);
    }
}
