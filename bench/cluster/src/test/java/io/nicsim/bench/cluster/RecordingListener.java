package io.nicsim.bench.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that writes down what it is told, one line per event, for tests to assert on and wait for. */
final class RecordingListener implements DispatchListener {

    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    final List<ItemResult> finished = new CopyOnWriteArrayList<>();
    final List<Attempt> ignored = new CopyOnWriteArrayList<>();

    @Override
    public void workerJoined(WorkerInfo worker) {
        events.add("joined " + worker.name());
    }

    @Override
    public void workerLeft(WorkerInfo worker, String reason) {
        events.add("left " + worker.name() + ": " + reason);
    }

    @Override
    public void refused(String line) {
        refusals.add(line);
    }

    @Override
    public void started(WorkItem item, Attempt attempt) {
        events.add("started " + item.index() + " try " + attempt.number() + " on " + attempt.worker());
    }

    @Override
    public void requeued(WorkItem item, Attempt attempt) {
        events.add("requeued " + item.index() + " after " + attempt.outcome() + ": " + attempt.reason());
    }

    @Override
    public void ignored(WorkItem item, Attempt attempt) {
        ignored.add(attempt);
        events.add("ignored " + item.index() + ": " + attempt.reason());
    }

    @Override
    public void finished(ItemResult result) {
        finished.add(result);
        events.add("finished " + result.item().index() + " " + result.status());
    }
}
