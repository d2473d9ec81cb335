package io.nicsim.host.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-thread cost accounting on a fixed /proc/self/task tree, and on this JVM's real one. */
class TaskCostsTest {

    private static void task(Path dir, long tid, String comm, long cpuNanos, long waitNanos, long voluntary,
                             long involuntary) throws IOException {
        Path task = Files.createDirectories(dir.resolve(Long.toString(tid)));
        Files.writeString(task.resolve("comm"), comm + "\n");
        Files.writeString(task.resolve("schedstat"), cpuNanos + " " + waitNanos + " 17\n");
        Files.writeString(task.resolve("status"), "Name:\t" + comm + "\nvoluntary_ctxt_switches:\t" + voluntary
                + "\nnonvoluntary_ctxt_switches:\t" + involuntary + "\n");
    }

    @Test
    void sumsWhatTheMatchingThreadsDidBetweenTwoSnapshots(@TempDir Path root) throws IOException {
        Path before = root.resolve("before");
        task(before, 101, "nicsim-platform", 1_000_000, 50_000, 10, 1);
        task(before, 102, "[device,irq-dis", 9_000_000, 0, 0, 5);
        Path after = root.resolve("after");
        task(after, 101, "nicsim-platform", 4_000_000, 250_000, 110, 3);
        task(after, 102, "[device,irq-dis", 99_000_000, 0, 0, 50);
        task(after, 103, "ForkJoinPool-1-w", 2_000_000, 10_000, 40, 0); // born during the window

        TaskSample consumer = TaskCosts.between(TaskCosts.snapshot(before), TaskCosts.snapshot(after),
                TaskCosts.namesStartingWith("nicsim-platform-thread", "ForkJoinPool-1-worker-"), "consumer");

        assertThat(consumer).isEqualTo(new TaskSample(-1, "consumer", 5_000_000, 210_000, 140, 2));
    }

    @Test
    void aMissingProcTreeGivesNothing(@TempDir Path root) {
        assertThat(TaskCosts.snapshot(root.resolve("nope"))).isEmpty();
    }

    @Test
    void seesThisThreadWorking() {
        Thread.currentThread().setName("nicsim-cost-test");
        Map<Long, TaskSample> before = TaskCosts.snapshot();
        long spinUntil = System.nanoTime() + 20_000_000;
        long x = 0;
        while (System.nanoTime() < spinUntil) {
            x++;
        }
        TaskSample mine = TaskCosts.between(before, TaskCosts.snapshot(),
                TaskCosts.namesStartingWith("nicsim-cost-test"),
                "me");
        assertThat(x).isPositive();
        assertThat(mine.cpuNanos()).as("20 ms of spinning shows as CPU time").isPositive();
    }
}
