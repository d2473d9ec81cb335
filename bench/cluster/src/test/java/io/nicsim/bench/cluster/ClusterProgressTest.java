package io.nicsim.bench.cluster;

import io.nicsim.bench.run.Progress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What the coordinator shows, on a manual clock: one line per event, the study's state and the ETA. */
class ClusterProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final StringWriter text = new StringWriter();
    private final ClusterProgress progress = new ClusterProgress(new Progress(new PrintWriter(text, true),
            Progress.Mode.PLAIN), now::get);
    private final WorkerInfo a = new WorkerInfo("1", "host-a:11", "v", 1, 4, "CPU A");
    private final WorkerInfo b = new WorkerInfo("2", "host-b:22", "v", 2, 8, "CPU B");

    private static WorkItem item(int index) {
        return new WorkItem(index, "rxUsecs=" + index, index + "-rxUsecs=" + index, "", List.of(), "", false);
    }

    private static Attempt attempt(int number, String worker) {
        return new Attempt(number, worker, null, null, 0, 0);
    }

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void theEtaIsUnknownUntilAnItemIsDoneThenTheWorkLeftOverTheSlotsInUse() {
        progress.start(4, () -> 2);
        progress.workerJoined(a);
        progress.workerJoined(b);
        progress.started(item(0), attempt(1, a.name()));
        now.set(4 * SECOND);
        progress.started(item(1), attempt(1, b.name()));
        now.set(10 * SECOND);
        progress.finished(new ItemResult(item(0), ItemResult.DONE, null, a.name(),
                List.of(new Attempt(1, a.name(), Attempt.DONE, null, 0, 10))));
        // mean 10 s; left: 2 items (20 s) and item 1, 6 s into its 10 (4 s): 24 s of work over 2 slots
        assertThat(lines()).containsExactly(
                "worker joined: host-a:11 (1 paced slot, 4 cores, CPU A)",
                "worker joined: host-b:22 (2 paced slots, 8 cores, CPU B)",
                "[1/4] rxUsecs=0: running on host-a:11   0 done, 1 running, 0 failed, 3 left; ETA unknown",
                "[2/4] rxUsecs=1: running on host-b:22   0 done, 2 running, 0 failed, 2 left; ETA unknown",
                "[1/4] rxUsecs=0: done on host-a:11 in 10.0s   1 done, 1 running, 0 failed, 2 left; ETA 12s");
        now.set(16 * SECOND); // item 1 past the mean: only the items left count
        assertThat(progress.state()).isEqualTo("1 done, 1 running, 0 failed, 2 left; ETA 10s");
    }

    @Test
    void aLostWorkersItemIsShownQueuedAgainThenDoneOnAnother() {
        progress.start(2, () -> 1);
        progress.started(item(1), attempt(1, a.name()));
        progress.workerLeft(a, "no heartbeat for 10s");
        progress.requeued(item(1), new Attempt(1, a.name(), Attempt.LOST, "worker left", 0, 3));
        progress.started(item(1), attempt(2, b.name()));
        now.set(5 * SECOND);
        progress.finished(new ItemResult(item(1), ItemResult.FAILED, null, null,
                List.of(new Attempt(2, b.name(), Attempt.FAILED, "nicsim run exited with 1", 0, 5))));
        progress.refused("host-c:33 runs nicsim 0.0.9/protocol-1, this coordinator 0.1.0/protocol-1");
        progress.finished(new ItemResult(item(0), ItemResult.NOT_RUN, null, null, List.of()));
        assertThat(lines()).containsExactly(
                "[2/2] rxUsecs=1: running on host-a:11   0 done, 1 running, 0 failed, 1 left; ETA unknown",
                "worker left: host-a:11 (no heartbeat for 10s)",
                "[2/2] rxUsecs=1: lost on host-a:11 (worker left), queued again   0 done, 0 running, 0 failed, 2 left;"
                        + " ETA unknown",
                "[2/2] rxUsecs=1: running on host-b:22 (try 2)   0 done, 1 running, 0 failed, 1 left; ETA unknown",
                "[2/2] rxUsecs=1: failed on every try (last: nicsim run exited with 1)   0 done, 0 running, 1 failed,"
                        + " 1 left; ETA unknown",
                "refused: host-c:33 runs nicsim 0.0.9/protocol-1, this coordinator 0.1.0/protocol-1");
    }

    @Test
    void resumedItemsCountAsDoneAndQuietShowsNothing() {
        progress.start(3, () -> 1);
        progress.resumed(List.of(item(0), item(1)), "out/points");
        assertThat(lines()).containsExactly("resuming: 2 of 3 already complete in out/points (not run again)");
        assertThat(progress.state()).isEqualTo("2 done, 0 running, 0 failed, 1 left; ETA unknown");

        StringWriter quiet = new StringWriter();
        ClusterProgress silent = new ClusterProgress(new Progress(new PrintWriter(quiet, true), Progress.Mode.QUIET),
                now::get);
        silent.start(1, () -> 1);
        silent.workerJoined(a);
        silent.started(item(0), attempt(1, a.name()));
        assertThat(quiet.toString()).isEmpty();
    }
}
