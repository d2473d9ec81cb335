package io.nicsim.bench.tune;

import java.util.List;
import java.util.Map;

/**
 * What the optimizer sees of a point: its median score so far. A point met for the first time is run once; a point
 * proposed again is run again only while it ranks among the {@code promising} best (of at least twice as many) and
 * has fewer than {@code repeats} runs (so the runs go where the search keeps returning, and a lucky single run cannot
 * hold the top
 * place), otherwise its median is returned at no cost. A point the simulator refuses scores {@link Goal#INVALID}
 * without a run.
 */
public final class NoisyObjective {

    private final ParameterSpace space;
    private final Trials trials;
    private final int repeats;
    private final int promising;

    /**
     * @param repeats   runs a promising point gets at most during the search
     * @param promising how many of the best points count as promising
     */
    public NoisyObjective(ParameterSpace space, Trials trials, int repeats, int promising) {
        this.space = space;
        this.trials = trials;
        this.repeats = repeats;
        this.promising = promising;
    }

    /** The optimizer's function: positions in [0, 1] per searched key. */
    public double value(double[] positions) {
        return propose(space.decode(positions));
    }

    /**
     * @throws Trials.Exhausted when a run is due and the phase's runs are spent
     */
    public double propose(Map<String, String> values) {
        PointRecord point = trials.point(values);
        if (point.refusal() != null) {
            return Goal.INVALID;
        }
        if (point.n() == 0 || (point.n() < repeats && isPromising(point))) {
            trials.measure(point, "search", true);
        }
        return trials.score(point);
    }

    /** @return whether proposals can be run ahead in parallel ({@link Trials#isParallel()}) */
    public boolean isParallel() {
        return trials.isParallel();
    }

    /** @return whether proposing these positions now would make a run that was not started ahead */
    boolean needsRun(double[] positions) {
        Map<String, String> values = space.decode(positions);
        if (trials.isPending(values)) {
            return false;
        }
        PointRecord point = trials.find(values);
        return point == null || (point.refusal() == null && point.n() == 0)
                || (point.refusal() == null && point.n() < repeats && isPromising(point));
    }

    /** Starts the runs these proposals (in this order) will make ({@link Trials#prefetch}). */
    void prefetch(List<double[]> positions) {
        trials.prefetch(positions.stream().map(space::decode).toList(), "search");
    }

    /** Starts the runs these proposals (in this order) will make ({@link Trials#prefetch}). */
    void prefetchValues(List<Map<String, String>> values) {
        trials.prefetch(values, "search");
    }

    /** @return runs made so far in the whole tune */
    public int runsUsed() {
        return trials.used();
    }

    /** @return the positions of the best point so far */
    public double[] bestPositions() {
        List<PointRecord> ranked = trials.ranked();
        return ranked.isEmpty() ? new double[space.dimensions()] : space.encode(ranked.getFirst().parameters());
    }

    /** @return whether the point ranks among the best, once there are at least twice as many points to rank */
    private boolean isPromising(PointRecord point) {
        List<PointRecord> ranked = trials.ranked();
        return ranked.size() >= 2 * promising && ranked.subList(0, promising).contains(point);
    }
}
