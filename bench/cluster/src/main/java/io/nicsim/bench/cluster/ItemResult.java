package io.nicsim.bench.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * What became of a work item.
 *
 * @param item     the item
 * @param status   {@code done} (its run folder is complete under the destination), {@code resumed} (it was already
 *                 complete there when the study started: not run again), {@code failed} (every try failed), or
 *                 {@code not-run} (the study stopped before it finished)
 * @param folder   its run folder (complete when done or resumed)
 * @param worker   the worker whose result was kept; null unless done
 * @param attempts every try, in order
 */
public record ItemResult(WorkItem item, String status, Path folder, String worker, List<Attempt> attempts) {

    public static final String DONE = "done";
    public static final String RESUMED = "resumed";
    public static final String FAILED = "failed";
    public static final String NOT_RUN = "not-run";

    public ItemResult {
        attempts = List.copyOf(attempts);
    }

    /** @return those of {@code results} that failed on every try, in order */
    public static List<ItemResult> failed(List<ItemResult> results) {
        return results.stream().filter(r -> FAILED.equals(r.status())).toList();
    }

    /** @return whether its run folder is complete (run now or before) */
    public boolean complete() {
        return DONE.equals(status) || RESUMED.equals(status);
    }
}
