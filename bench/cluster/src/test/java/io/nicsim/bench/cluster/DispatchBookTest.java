package io.nicsim.bench.cluster;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator's bookkeeping with a manual clock and no network: index order, pull by kind, requeue on a lost try,
 * the lease, retry once elsewhere then failed, late duplicates ignored and recorded, the version handshake, stop.
 */
class DispatchBookTest {

    private static final String VERSION = "1.0/protocol-1";
    private static final Path DEST = Path.of("/tmp/dest");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RecordingListener listener = new RecordingListener();
    private final DispatchBook book = new DispatchBook(VERSION, listener, Runnable::run, clock::get);

    private static WorkItem item(int index, boolean virtual) {
        return new WorkItem(index, "p" + index, "p" + index, "name: x\n", List.of(), "nicsim sweep", virtual);
    }

    private static WorkerInfo worker(String name, int slots, int cores) {
        return new WorkerInfo("id-" + name, name, VERSION, slots, cores, "cpu");
    }

    private void join(String name) {
        assertThat(book.hello(worker(name, 1, 4))).isNull();
    }

    @Test
    void itemsGoOutInIndexOrderEachToTheFirstWorkerThatAsksAndFits() {
        CompletableFuture<ItemResult> two = book.submit(item(2, false), DEST);
        book.submit(item(0, true), DEST);
        book.submit(item(1, false), DEST);
        join("w1");
        assertThat(book.ask("id-w1", true, false).item().index()).isEqualTo(1);
        assertThat(book.ask("id-w1", false, true).item().index()).isZero();
        DispatchBook.Grant grant = book.ask("id-w1", true, true);
        assertThat(grant.item().index()).isEqualTo(2);
        assertThat(grant.attempt()).isEqualTo(1);
        assertThat(book.ask("id-w1", true, true)).isNull();
        assertThat(book.ask("id-unknown", true, true)).isNull();
        clock.addAndGet(2_500);
        book.done(grant.token(), false);
        ItemResult result = two.join();
        assertThat(result.status()).isEqualTo(ItemResult.DONE);
        assertThat(result.worker()).isEqualTo("w1");
        assertThat(result.folder()).isEqualTo(DEST.resolve("p2"));
        assertThat(result.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Attempt.DONE);
            assertThat(a.seconds()).isEqualTo(2.5);
        });
    }

    @Test
    void aWorkerThatLeavesHasItsTriesRequeuedAndRunElsewhereOnce() {
        CompletableFuture<ItemResult> future = book.submit(item(0, false), DEST);
        join("w1");
        join("w2");
        DispatchBook.Grant first = book.ask("id-w1", true, false);
        book.workerLeft("id-w1", "left the cluster");
        assertThat(book.waiting()).isEqualTo(1);
        assertThat(book.beat(first.token())).as("its worker is told to drop it").isFalse();
        DispatchBook.Grant second = book.ask("id-w2", true, false);
        assertThat(second.attempt()).isEqualTo(2);
        book.done(second.token(), false);
        ItemResult result = future.join();
        assertThat(result.attempts()).extracting(Attempt::outcome).containsExactly(Attempt.LOST, Attempt.DONE);
        assertThat(result.attempts().getFirst().reason()).isEqualTo("worker w1 left the cluster");
        assertThat(result.worker()).isEqualTo("w2");
        assertThat(listener.events).contains("left w1: left the cluster",
                "requeued 0 after lost: worker w1 left the cluster");
    }

    @Test
    void aTryWithoutBeatsForTheLeaseIsLost() {
        book.submit(item(0, true), DEST);
        join("w1");
        DispatchBook.Grant grant = book.ask("id-w1", false, true);
        clock.addAndGet(9_000);
        assertThat(book.beat(grant.token())).isTrue();
        clock.addAndGet(10_000);
        assertThat(book.expire(10_000)).isEmpty();
        clock.addAndGet(1);
        assertThat(book.expire(10_000)).containsExactly(grant.token());
        assertThat(book.waiting()).isEqualTo(1);
        assertThat(listener.events).contains("requeued 0 after lost: no heartbeat from worker w1 for 10 s (hung, or"
                + " cut off)");
    }

    @Test
    void aLateResultOfALostTryIsIgnoredAndRecordedBeforeAndAfterTheItemSettles() {
        CompletableFuture<ItemResult> future = book.submit(item(0, false), DEST);
        join("w1");
        join("w2");
        DispatchBook.Grant first = book.ask("id-w1", true, false);
        clock.addAndGet(11_000);
        book.expire(10_000);
        DispatchBook.Grant second = book.ask("id-w2", true, false);
        assertThat(book.current(first.token())).isNull();
        assertThat(book.lateResult(first.token())).isEqualTo("a late result of try 1 (lost)");
        book.done(second.token(), false);
        assertThat(book.lateResult(first.token())).isEqualTo("a late result of try 1 (lost)");
        assertThat(book.lateResult("not-a-token")).isNull();
        assertThat(future.join().attempts()).extracting(Attempt::outcome)
                .containsExactly(Attempt.LOST, Attempt.IGNORED, Attempt.DONE);
        assertThat(listener.ignored).hasSize(2);
        assertThat(listener.finished).hasSize(1);
    }

    @Test
    void aFailedRunIsTriedOnceMoreOnAnotherWorkerThenFails() {
        CompletableFuture<ItemResult> future = book.submit(item(0, false), DEST);
        join("w1");
        join("w2");
        book.failed(book.ask("id-w1", true, false).token(), "exit 1: error: boom");
        assertThat(book.ask("id-w1", true, false)).as("not on the worker it failed on").isNull();
        book.failed(book.ask("id-w2", true, false).token(), "exit 1: error: boom again");
        ItemResult result = future.join();
        assertThat(result.status()).isEqualTo(ItemResult.FAILED);
        assertThat(result.attempts()).extracting(Attempt::worker).containsExactly("w1", "w2");
        assertThat(result.attempts().getLast().reason()).isEqualTo("exit 1: error: boom again");
    }

    @Test
    void aFailedRunWithNoOtherWorkerFailsAtOnceAndOneLeftWaitingFailsWhenTheOthersLeave() {
        CompletableFuture<ItemResult> alone = book.submit(item(0, false), DEST);
        join("w1");
        book.failed(book.ask("id-w1", true, false).token(), "exit 1: boom");
        assertThat(alone.join().status()).isEqualTo(ItemResult.FAILED);

        CompletableFuture<ItemResult> stranded = book.submit(item(1, false), DEST);
        join("w2");
        book.failed(book.ask("id-w1", true, false).token(), "exit 1: boom");
        assertThat(stranded).isNotDone();
        book.workerLeft("id-w2", "left the cluster");
        assertThat(stranded.join().status()).isEqualTo(ItemResult.FAILED);
    }

    @Test
    void anItemLostOnThreeWorkersFails() {
        CompletableFuture<ItemResult> future = book.submit(item(0, false), DEST);
        for (int i = 1; i <= DispatchBook.MAX_LOST_TRIES; i++) {
            join("w" + i);
            book.ask("id-w" + i, true, false);
            book.workerLeft("id-w" + i, "left the cluster");
        }
        ItemResult result = future.join();
        assertThat(result.status()).isEqualTo(ItemResult.FAILED);
        assertThat(result.attempts()).extracting(Attempt::outcome).containsOnly(Attempt.LOST).hasSize(3);
    }

    @Test
    void aResultWhoseFolderIsAlreadyThereIsKeptAsDoneWithTheTryIgnored() {
        CompletableFuture<ItemResult> future = book.submit(item(0, false), DEST);
        join("w1");
        book.done(book.ask("id-w1", true, false).token(), true);
        ItemResult result = future.join();
        assertThat(result.status()).isEqualTo(ItemResult.DONE);
        assertThat(result.worker()).isNull();
        assertThat(result.attempts().getFirst().outcome()).isEqualTo(Attempt.IGNORED);
        assertThat(result.attempts().getFirst().reason()).isEqualTo("p0 was already in /tmp/dest (kept, not"
                + " overwritten)");
    }

    @Test
    void aWorkerOfAnotherVersionIsRefusedInOneLine() {
        String line = book.hello(new WorkerInfo("id-old", "old:1", "0.9/protocol-1", 1, 2, "cpu"));
        assertThat(line).isEqualTo("refused worker old:1: it runs nicsim 0.9/protocol-1, this coordinator "
                + VERSION);
        assertThat(listener.refusals).containsExactly(line);
        assertThat(book.knows("id-old")).isFalse();
        assertThat(book.met()).isEmpty();
    }

    @Test
    void slotsAreTheWorkersSlotsOrCoresAndAtLeastOne() {
        assertThat(book.slots(false)).isEqualTo(1);
        assertThat(book.slots(true)).isEqualTo(1);
        book.hello(worker("w1", 1, 4));
        book.hello(worker("w2", 2, 8));
        book.hello(worker("w2", 2, 8));
        assertThat(book.slots(false)).isEqualTo(3);
        assertThat(book.slots(true)).isEqualTo(12);
        book.workerLeft("id-w1", "left");
        assertThat(book.slots(false)).isEqualTo(2);
        assertThat(book.met()).extracting(WorkerInfo::name).containsExactly("w1", "w2");
        assertThat(listener.events).containsOnlyOnce("joined w2");
    }

    @Test
    void stopSettlesEverythingNotRunAndStartsNothingMore() {
        CompletableFuture<ItemResult> running = book.submit(item(0, false), DEST);
        CompletableFuture<ItemResult> waiting = book.submit(item(1, false), DEST);
        join("w1");
        DispatchBook.Grant grant = book.ask("id-w1", true, false);
        book.stop();
        assertThat(running.join().status()).isEqualTo(ItemResult.NOT_RUN);
        assertThat(running.join().attempts()).singleElement().extracting(Attempt::outcome)
                .isEqualTo(Attempt.CANCELLED);
        assertThat(waiting.join().status()).isEqualTo(ItemResult.NOT_RUN);
        assertThat(book.submit(item(2, false), DEST).join().status()).isEqualTo(ItemResult.NOT_RUN);
        assertThat(book.ask("id-w1", true, true)).isNull();
        assertThat(book.beat(grant.token())).isFalse();
        book.done(grant.token(), false);
        assertThat(listener.finished).hasSize(3);
    }
}
