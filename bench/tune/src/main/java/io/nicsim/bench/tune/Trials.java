package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The runs of one tune: measures points through the {@link Evaluator} within the budget, keeps every point met and
 * every run made, and ranks the points by their median score ({@link Goal#score(Map)}). Each phase (search,
 * repeats, A/B) runs up to a limit on the runs used so far; past it, or when a stop is requested,
 * {@link #measure} throws {@link Exhausted}.
 */
public final class Trials {

    /** The budget for this phase is spent (or a stop was requested): the phase ends. */
    public static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("evaluation budget spent", null, false, false);
        }
    }

    /** An evaluation failed; carries its cause through the optimizer. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(Exception cause) {
            super(cause);
        }
    }

    /** Told about every run as it is logged. */
    @FunctionalInterface
    public interface Listener {
        void onRun(Evaluation run, PointRecord point, Trials trials);
    }

    private final Evaluator evaluator;
    private final Goal goal;
    private final Goal searchGoal;
    private final int budget;
    private final Listener listener;
    private final BooleanSupplier stop;
    private final Map<Map<String, String>, PointRecord> points = new LinkedHashMap<>();
    private final List<Evaluation> runs = new ArrayList<>();
    private int limit;
    private boolean stopped;

    /** Trials ranking points by the goal itself (no guard band). */
    public Trials(Evaluator evaluator, Goal goal, int budget, Listener listener, BooleanSupplier stop) {
        this(evaluator, goal, 0, budget, listener, stop);
    }

    /**
     * @param goal     what a run or point is reported against ("meets")
     * @param margin   the guard band points are ranked with ({@link Goal#tightened(double)}), a fraction
     * @param budget   the most runs in all
     * @param listener told about each run
     * @param stop     polled before each run: true ends the tune early
     */
    public Trials(Evaluator evaluator, Goal goal, double margin, int budget, Listener listener, BooleanSupplier stop) {
        this.evaluator = evaluator;
        this.goal = goal;
        this.searchGoal = goal.tightened(margin);
        this.budget = budget;
        this.listener = listener;
        this.stop = stop;
        this.limit = budget;
    }

    public Goal goal() {
        return goal;
    }

    public int budget() {
        return budget;
    }

    /** @return runs made so far */
    public int used() {
        return runs.size();
    }

    /** Lets the phase that starts now run until {@code usedLimit} runs have been made in all (at most the budget). */
    public void limitTo(int usedLimit) {
        limit = Math.min(budget, usedLimit);
    }

    /** @return whether a stop was requested during a phase */
    public boolean stopped() {
        return stopped;
    }

    /** @return the point with these values, met now if new (the evaluator says whether it refuses it) */
    public PointRecord point(Map<String, String> values) {
        return points.computeIfAbsent(Map.copyOf(values),
                k -> new PointRecord(points.size() + 1, values, evaluator.refusal(values)));
    }

    /**
     * Runs a point once more and adds the run to its record (or, for the A/B, only to the log).
     *
     * @param keep whether the run counts among the point's runs (search, repeat) or only in the log (A/B)
     * @throws Exhausted when the phase's limit is reached or a stop was requested
     * @throws Failed    when the run failed
     */
    public Measurement measure(PointRecord point, String phase, boolean keep) {
        if (stop.getAsBoolean()) {
            stopped = true;
            throw new Exhausted();
        }
        if (used() >= limit) {
            throw new Exhausted();
        }
        Measurement run;
        try {
            run = evaluator.measure(point.parameters(), used() + 1, phase);
        } catch (Exhausted e) {
            stopped = true;
            throw e;
        } catch (Exception e) {
            throw new Failed(e);
        }
        if (keep) {
            point.add(run);
        }
        Evaluation logged = new Evaluation(used() + 1, phase, point.id(), point.parameters(), run.values(),
                goal.feasible(run.values()), run.folder());
        runs.add(logged);
        listener.onRun(logged, point, this);
        return run;
    }

    /**
     * @return the point's score from the medians of its runs, against the goal with its guard band;
     *         {@link Goal#INVALID} if refused or never run
     */
    public double score(PointRecord point) {
        return point.refusal() != null || point.n() == 0 ? Goal.INVALID : searchGoal.score(point.medians());
    }

    /** @return whether the medians of the point's runs meet every constraint */
    public boolean feasible(PointRecord point) {
        return point.refusal() == null && point.n() > 0 && goal.feasible(point.medians());
    }

    /** @return points with at least one run, best score first (ties: more runs, then met earlier) */
    public List<PointRecord> ranked() {
        return points.values().stream().filter(p -> p.refusal() == null && p.n() > 0)
                .sorted(Comparator.comparingDouble(this::score).thenComparing(p -> -p.n())
                        .thenComparingInt(PointRecord::id))
                .toList();
    }

    /** @return every point met, in order (refused ones included) */
    public List<PointRecord> points() {
        return List.copyOf(points.values());
    }

    /** @return every run, in order */
    public List<Evaluation> runs() {
        return List.copyOf(runs);
    }
}
