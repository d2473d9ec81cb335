package io.nicsim.bench.tune;

/**
 * What the tune concludes, from the interleaved A/B alone (the search's runs only choose what to test).
 *
 * @param outcome  the conclusion
 * @param better   whether the best found is shown better than the start
 * @param met      whether the best found meets every constraint (in more than half of the A/B rounds)
 * @param sentence the conclusion with its numbers, one line
 */
public record Verdict(Outcome outcome, boolean better, boolean met, String sentence) {

    /** The possible conclusions. */
    public enum Outcome {
        /** Meets every constraint where the start does not, or a lower objective by a rank-sum test. */
        BETTER,
        /** Both meet the constraints and the best found's median is lower, but not clearly enough to call it better. */
        NOT_SHOWN_BETTER,
        /** Both meet the constraints and the best found's median is not lower. */
        NOT_BETTER,
        /** The best found misses a constraint in the A/B: no setting measured meets them. */
        NOT_MET,
        /** No point measured better than the start itself: nothing to A/B. */
        START_IS_BEST,
        /** The tune stopped (Ctrl-C) before the A/B finished. */
        NOT_TESTED
    }
}
