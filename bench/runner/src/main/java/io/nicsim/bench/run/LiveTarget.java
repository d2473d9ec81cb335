package io.nicsim.bench.run;

import io.nicsim.bench.results.LiveFeed;

/**
 * Where a study's consumer runs stream their seconds ({@code --live}): the study's {@link LiveFeed}, the sweep's or
 * tune's point in progress, and the round a run plays. {@link #NONE} streams nothing, at no cost: a run without a
 * live target samples nothing and allocates nothing for it.
 *
 * @param feed  the study's feed ({@link LiveFeed#NONE}: none)
 * @param point the sweep's or tune's point label, null for a run or a comparison
 * @param round the round a paced run in rounds plays, from 1; 0 when the study plays one round
 */
public record LiveTarget(LiveFeed feed, String point, int round) {

    /** No feed: nothing is sampled or written. */
    public static final LiveTarget NONE = new LiveTarget(LiveFeed.NONE, null, 0);

    /** @return a target writing to {@code feed}, outside any point or round */
    public static LiveTarget of(LiveFeed feed) {
        return feed.live() ? new LiveTarget(feed, null, 0) : NONE;
    }

    /** @return whether anything is written */
    public boolean live() {
        return feed.live();
    }

    /** @return this target inside the point labelled {@code label} */
    public LiveTarget atPoint(String label) {
        return live() ? new LiveTarget(feed, label, round) : this;
    }

    /** @return this target for round {@code number} of a study in rounds */
    public LiveTarget inRound(int number) {
        return live() ? new LiveTarget(feed, point, number) : this;
    }

    /** @return a run's label as its seconds carry it: {@code platform-thread}, or {@code platform-thread round 2} */
    public String runLabel(String label) {
        return round > 0 ? label + " round " + round : label;
    }
}
