package io.nicsim.bench.cluster;

import io.nicsim.bench.run.StopSignal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A study's items on the cluster: those complete in the folder already are resumed (not run again), the others are
 * handed to the dispatcher all at once (it queues them and workers pull), and the study waits for each to settle,
 * keeping cluster.json up to date as they do. A stop request ({@link StopSignal}: Ctrl-C) stops the dispatcher: no
 * item starts any more, the workers stop those in progress, and the study gets what finished. The stop is polled every
 * {@value #POLL_MILLIS} ms while waiting, the only time the coordinator wakes without an event.
 */
public final class ClusterBatch {

    /** Told of each item as it settles, on the study's thread. */
    @FunctionalInterface
    public interface Settled {
        void settled(ItemResult result) throws Exception;
    }

    static final long POLL_MILLIS = 100;

    private final Dispatcher dispatcher;
    private final StopSignal stop;
    private final ClusterProgress progress;
    private final Path recordDir;
    private ClusterRecord record;

    /**
     * @param recordDir the study folder, where cluster.json is kept
     * @param record    the study's plan, with what an earlier coordinator left ({@link ClusterRecord#resuming})
     */
    public ClusterBatch(Dispatcher dispatcher, StopSignal stop, ClusterProgress progress, Path recordDir,
                        ClusterRecord record) {
        this.dispatcher = dispatcher;
        this.stop = stop;
        this.progress = progress;
        this.recordDir = recordDir;
        this.record = record;
    }

    /** @return cluster.json as it stands */
    public ClusterRecord record() {
        return record;
    }

    /**
     * @param items     the study's items, item {@code i} at position {@code i}
     * @param destDir   where their folders go
     * @param complete  whether an item's folder is complete already: it is resumed, its record kept
     * @param onSettled told of each item as it settles, resumed ones first
     * @return each item's result, in item order
     */
    public List<ItemResult> run(List<WorkItem> items, Path destDir, Predicate<WorkItem> complete, Settled onSettled)
            throws Exception {
        Files.createDirectories(destDir);
        List<WorkItem> resumed = items.stream().filter(complete).toList();
        ClusterFolder.clean(destDir, items, resumed::contains);
        progress.start(items.size(), () -> dispatcher.slots(items.stream().anyMatch(WorkItem::virtual)));
        progress.resumed(resumed, recordDir.toString());
        ItemResult[] results = new ItemResult[items.size()];
        for (WorkItem item : resumed) {
            ClusterRecord.Item before = record.items().get(item.index());
            results[item.index()] = new ItemResult(item, ItemResult.RESUMED, destDir.resolve(item.folder()),
                    before.worker(), before.attempts());
            record = record.with(results[item.index()]);
        }
        record.withWorkers(dispatcher.workers()).write(recordDir);
        for (WorkItem item : resumed) {
            onSettled.settled(results[item.index()]);
        }
        BlockingQueue<ItemResult> settled = new LinkedBlockingQueue<>();
        int pending = 0;
        for (WorkItem item : items) {
            if (results[item.index()] == null) {
                submit(item, destDir).thenAccept(settled::add);
                pending++;
            }
        }
        boolean stopping = false;
        while (pending > 0) {
            ItemResult result = settled.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (!stopping && stop.requested()) {
                stopping = true;
                dispatcher.stop();
            }
            if (result != null) {
                pending--;
                results[result.item().index()] = result;
                record = record.with(result).withWorkers(dispatcher.workers());
                record.write(recordDir);
                onSettled.settled(result);
            }
        }
        record = record.withWorkers(dispatcher.workers());
        record.write(recordDir);
        return List.of(results);
    }

    /**
     * Waits for one item, stopping the dispatcher if a stop is requested meanwhile.
     *
     * @return its result (not-run if the study stopped first)
     */
    public static ItemResult await(Dispatcher dispatcher, WorkItem item, Path destDir, StopSignal stop)
            throws InterruptedException {
        CompletableFuture<ItemResult> future = submit(dispatcher, item, destDir);
        boolean stopping = false;
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                if (!stopping && stop.requested()) {
                    stopping = true;
                    dispatcher.stop();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the dispatcher never fails a future", e); // see submit
            }
        }
    }

    private CompletableFuture<ItemResult> submit(WorkItem item, Path destDir) {
        return submit(dispatcher, item, destDir);
    }

    /** @return the item's future, an error of the dispatcher itself turned into the item's failure (one line) */
    private static CompletableFuture<ItemResult> submit(Dispatcher dispatcher, WorkItem item, Path destDir) {
        CompletableFuture<ItemResult> future;
        try {
            future = dispatcher.submit(item, destDir);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        return future.exceptionally(e -> new ItemResult(item, ItemResult.FAILED, destDir.resolve(item.folder()),
                null, failedTry(e)));
    }

    private static List<Attempt> failedTry(Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                ? e.getCause() : e;
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(new Attempt(1, "coordinator", Attempt.FAILED, cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), System.currentTimeMillis(), 0));
        return attempts;
    }
}
