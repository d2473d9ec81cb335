package io.nicsim.bench.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs work items somewhere and brings their run folders back; the coordinator of a cluster ({@link Coordinator})
 * is the implementation users have, a local one stands in for it in tests of what sits on top.
 */
public interface Dispatcher extends AutoCloseable {

    /**
     * Queues an item. Thread-safe; returns at once.
     *
     * @param item    what to run
     * @param destDir where its run folder goes: {@code destDir/item.folder()}, written only once the whole folder
     *                came back and passed validation (never half-written)
     * @return completes with the item's outcome (done, failed after its tries, or not run when stopped); never
     *         completes exceptionally for a failed run
     */
    CompletableFuture<ItemResult> submit(WorkItem item, Path destDir);

    /** @return how many items can run at once now: the slots of the workers in the cluster (at least 1) */
    int slots(boolean virtual);

    /** Stops: no item starts any more, the workers stop those in progress, every pending future completes not-run. */
    void stop();

    /** @return the workers met so far, in the order they joined */
    List<WorkerInfo> workers();

    @Override
    void close();
}
