package io.nicsim.bench.cluster;

import io.nicsim.bench.results.SummaryWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Dispatcher} promises the studies on top of it: an item's folder appears under its destination
 * only complete, with the item's command recorded, its future saying done and by which worker; the listener hears of
 * an item's start before its end; after a stop every future completes, those not run with no folder. An
 * implementation's test extends this with a dispatcher of its own that has at least one worker.
 */
public abstract class DispatcherContract {

    @TempDir
    protected Path dir;

    /** Events the listener heard, per item index, in order. */
    protected final Map<Integer, List<String>> heard = new ConcurrentHashMap<>();

    /** @return a dispatcher with at least one worker, telling {@code listener} what happens */
    protected abstract Dispatcher dispatcher(DispatchListener listener) throws Exception;

    private DispatchListener listener() {
        return new DispatchListener() {
            @Override
            public void started(WorkItem item, Attempt attempt) {
                heard.computeIfAbsent(item.index(), i -> new ArrayList<>()).add("started");
            }

            @Override
            public void finished(ItemResult result) {
                heard.computeIfAbsent(result.item().index(), i -> new ArrayList<>()).add(result.status());
            }
        };
    }

    private static WorkItem item(int index) throws Exception {
        return new WorkItem(index, "rxUsecs=" + (8 + index), index + "-rxUsecs=" + (8 + index),
                ClusterItems.scenarioText(Fixtures.scenario("host.consumer=platform-thread",
                        "firmware.policy=coalesce", "firmware.rxUsecs=" + (8 + index))), List.of(),
                "nicsim sweep contract  # point " + (index + 1), true);
    }

    @Test
    void anItemComesBackCompleteUnderItsDestinationSayingWhichWorkerRanIt() throws Exception {
        Path dest = dir.resolve("points");
        try (Dispatcher dispatcher = dispatcher(listener())) {
            assertThat(dispatcher.slots(true)).isPositive();
            assertThat(dispatcher.slots(false)).isPositive();
            ItemResult result = dispatcher.submit(item(0), dest).get(2, TimeUnit.MINUTES);
            assertThat(result.status()).as("%s", result.attempts()).isEqualTo(ItemResult.DONE);
            assertThat(result.folder()).isEqualTo(dest.resolve("0-rxUsecs=8"));
            assertThat(ClusterFolder.complete(result.folder())).isTrue();
            assertThat(SummaryWriter.read(result.folder().resolve(SummaryWriter.FILE_NAME)).command())
                    .isEqualTo("nicsim sweep contract  # point 1");
            assertThat(dispatcher.workers()).extracting(WorkerInfo::name).contains(result.worker());
            assertThat(result.attempts().getLast().outcome()).isEqualTo(Attempt.DONE);
            assertThat(result.attempts().getLast().worker()).isEqualTo(result.worker());
            assertThat(heard.get(0)).containsExactly("started", ItemResult.DONE);
        }
    }

    @Test
    void afterAStopEveryFutureCompletesAndNothingNotRunLeavesAFolder() throws Exception {
        Path dest = dir.resolve("points");
        try (Dispatcher dispatcher = dispatcher(listener())) {
            List<CompletableFuture<ItemResult>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                futures.add(dispatcher.submit(item(i), dest));
            }
            dispatcher.stop();
            futures.add(dispatcher.submit(item(3), dest));
            for (CompletableFuture<ItemResult> future : futures) {
                ItemResult result = future.get(2, TimeUnit.MINUTES);
                assertThat(result.status()).isIn(ItemResult.DONE, ItemResult.NOT_RUN);
                assertThat(ClusterFolder.complete(result.folder()))
                        .as("%s", result.item().label()).isEqualTo(result.complete());
                if (!result.complete()) {
                    assertThat(result.folder()).doesNotExist();
                }
            }
            assertThat(futures.getLast().get().status()).isEqualTo(ItemResult.NOT_RUN);
        }
    }
}
