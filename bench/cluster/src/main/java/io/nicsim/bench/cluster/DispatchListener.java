package io.nicsim.bench.cluster;

/** Told what the coordinator does, as it happens (on the coordinator's event-loop thread: return quickly). */
public interface DispatchListener {

    /** A worker passed the handshake (also one that joins mid-study). */
    default void workerJoined(WorkerInfo worker) {
    }

    /** A worker left or died; its items in progress are requeued (each gets {@link #requeued}). */
    default void workerLeft(WorkerInfo worker, String reason) {
    }

    /** A worker of another version (or without the secret) was refused, one line. */
    default void refused(String line) {
    }

    /** An item started on a worker. */
    default void started(WorkItem item, Attempt attempt) {
    }

    /** An item's try did not count and it waits for another worker. */
    default void requeued(WorkItem item, Attempt attempt) {
    }

    /**
     * A late duplicate result (of a try already declared lost, or of an item already settled) was ignored; it is
     * also in the item's attempts when the item was not settled yet.
     */
    default void ignored(WorkItem item, Attempt attempt) {
    }

    /** An item is settled: done, failed for good, or not run. */
    default void finished(ItemResult result) {
    }

    /** No listener. */
    DispatchListener NONE = new DispatchListener() {
    };
}
