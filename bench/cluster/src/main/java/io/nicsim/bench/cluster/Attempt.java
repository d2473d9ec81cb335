package io.nicsim.bench.cluster;

/**
 * One try of a work item on a worker.
 *
 * @param number        1 for the first try, 2 for the re-run after it, ...
 * @param worker        the worker's name ({@code host:pid})
 * @param outcome       {@code done}, {@code failed} (the run exited non-zero, or its result was refused), {@code lost}
 *                      (the worker died, left, stopped or went silent during it), {@code cancelled} (the study
 *                      stopped), {@code ignored} (a late duplicate result); {@code running} while it runs
 * @param reason        why it did not count, one line; null when done
 * @param startedMillis wall-clock start, epoch milliseconds
 * @param seconds       how long it took until its outcome
 */
public record Attempt(int number, String worker, String outcome, String reason, long startedMillis, double seconds) {

    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String LOST = "lost";
    public static final String CANCELLED = "cancelled";
    public static final String IGNORED = "ignored";
    /** The outcome of a try still running ({@link DispatchListener#started}). */
    public static final String RUNNING = "running";
}
