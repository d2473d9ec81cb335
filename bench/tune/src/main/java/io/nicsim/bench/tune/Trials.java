package io.nicsim.bench.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The runs of one tune: measures points through the {@link Evaluator} within the budget, keeps every point met and
 * every run made, and ranks the points by their median score ({@link Goal#score(Map)}). Each phase (search,
 * repeats, A/B) runs up to a limit on the runs used so far; past it, or when a stop is requested,
 * {@link #measure} throws {@link Exhausted}.
 * <p>
 * With a pool ({@link #parallel}), a search may hand the runs it is about to make to {@link #prefetch}: they run
 * at once on the pool's threads, each numbered as the sequential order will number it, and {@link #measure} takes
 * their results in that order. Runs, points, numbers, folders and the listener's calls (on the caller's thread, in
 * order) are those of the same search run one after another; only deterministic evaluators (virtual time) gain.
 */
public final class Trials {

    /** The budget for this phase is spent (or a stop was requested): the phase ends. */
    public static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The phase ends here (an evaluator that saw the stop while its run waited throws this too). */
        public Exhausted() {
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
    private final Map<Map<String, String>, String> refusals = new HashMap<>();
    /** Runs started ahead by {@link #prefetch}, by the number they will have. */
    private final Map<Integer, Pending> pending = new HashMap<>();
    private ExecutorService pool;
    private int threads = 1;
    private int mispredicted;
    private int limit;
    private boolean stopped;

    private record Pending(Map<String, String> values, String phase, Future<Measurement> result) {
    }

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

    /**
     * Lets {@link #prefetch} run evaluations on {@code pool}, {@code threads} at a time (the evaluator must be safe to
     * call from several threads at once).
     */
    public Trials parallel(ExecutorService pool, int threads) {
        this.pool = pool;
        this.threads = threads;
        return this;
    }

    /** @return whether runs can be started ahead ({@link #parallel}) */
    public boolean isParallel() {
        return pool != null;
    }

    /** @return runs started ahead that the search then did not make as predicted (0 when the prediction holds) */
    public int mispredicted() {
        return mispredicted;
    }

    /**
     * Starts, on the pool, the runs the search is about to make for these proposals in this order: each value not met
     * yet, not refused and not already run, within this phase's limit, numbered from the next run on.
     */
    public void prefetch(List<Map<String, String>> proposals, String phase) {
        if (pool == null || stop.getAsBoolean()) {
            return;
        }
        int next = used() + pending.size();
        Set<Map<String, String>> planned = new HashSet<>();
        pending.values().forEach(p -> planned.add(p.values()));
        for (Map<String, String> proposal : proposals) {
            Map<String, String> values = Map.copyOf(proposal);
            PointRecord known = points.get(values);
            if (next >= limit || planned.contains(values) || (known != null && known.n() > 0)
                    || refusal(values) != null) {
                continue;
            }
            planned.add(values);
            int index = next + 1;
            next++;
            Map<String, String> ordered = proposal; // as the search will pass it (its labels keep their order)
            pending.put(index, new Pending(values, phase, pool.submit(() -> evaluator.measure(ordered, index,
                    phase))));
        }
    }

    /** Waits for the runs started ahead that were not taken (after a stop or a misprediction) and forgets them. */
    public void settle() {
        for (Pending p : pending.values()) {
            try {
                p.result().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // not taken: its failure does not matter
            }
        }
        pending.clear();
    }

    /** @return how many runs the pool makes at once (1 without one) */
    public int threads() {
        return threads;
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
                k -> new PointRecord(points.size() + 1, values, refusal(k)));
    }

    /** @return whether a run of these values was started ahead and not taken yet */
    public boolean isPending(Map<String, String> values) {
        Map<String, String> key = Map.copyOf(values);
        return pending.values().stream().anyMatch(p -> p.values().equals(key));
    }

    /** @return the point with these values if met already, else null (meets nothing) */
    public PointRecord find(Map<String, String> values) {
        return points.get(Map.copyOf(values));
    }

    private String refusal(Map<String, String> values) {
        if (!refusals.containsKey(values)) {
            refusals.put(values, evaluator.refusal(values));
        }
        return refusals.get(values);
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
            run = take(point, phase);
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

    /** @return the run started ahead for this number if it is this point's, else a run made now */
    private Measurement take(PointRecord point, String phase) throws Exception {
        int index = used() + 1;
        Pending ahead = pending.remove(index);
        if (ahead != null && ahead.values().equals(point.parameters()) && ahead.phase().equals(phase)) {
            try {
                return ahead.result().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        if (ahead != null || !pending.isEmpty()) {
            mispredicted += (ahead != null ? 1 : 0) + pending.size();
            if (ahead != null) {
                pending.put(index, ahead);
            }
            settle(); // the search went elsewhere: wait for what runs (its folders are made again below) and drop it
        }
        return evaluator.measure(point.parameters(), index, phase);
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
