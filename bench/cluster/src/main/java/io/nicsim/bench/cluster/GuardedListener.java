package io.nicsim.bench.cluster;

import java.util.function.Consumer;

/**
 * A {@link DispatchListener} whose exceptions stop at it: a listener that throws would otherwise leave the
 * coordinator's books half-updated and a worker's request unanswered. Each one is printed on stderr, with its stack
 * trace.
 */
final class GuardedListener implements DispatchListener {

    private final DispatchListener listener;

    private GuardedListener(DispatchListener listener) {
        this.listener = listener;
    }

    /** @return {@code listener}, guarded (once) */
    static DispatchListener of(DispatchListener listener) {
        return listener instanceof GuardedListener ? listener : new GuardedListener(listener);
    }

    private void tell(Consumer<DispatchListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            System.err.println("warning: a dispatch listener failed: " + e);
            e.printStackTrace(System.err);
        }
    }

    @Override
    public void workerJoined(WorkerInfo worker) {
        tell(l -> l.workerJoined(worker));
    }

    @Override
    public void workerLeft(WorkerInfo worker, String reason) {
        tell(l -> l.workerLeft(worker, reason));
    }

    @Override
    public void refused(String line) {
        tell(l -> l.refused(line));
    }

    @Override
    public void started(WorkItem item, Attempt attempt) {
        tell(l -> l.started(item, attempt));
    }

    @Override
    public void requeued(WorkItem item, Attempt attempt) {
        tell(l -> l.requeued(item, attempt));
    }

    @Override
    public void ignored(WorkItem item, Attempt attempt) {
        tell(l -> l.ignored(item, attempt));
    }

    @Override
    public void finished(ItemResult result) {
        tell(l -> l.finished(result));
    }
}
