package io.nicsim.host.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CPU of the threads whose names match, from a task folder laid out as /proc/self/task: only matching threads
 * count, a thread that ended keeps its last reading, and a missing folder reads as not measured.
 */
class ThreadCpuTest {

    @TempDir
    Path tasks;

    private void task(long tid, String name, long cpuNanos) throws Exception {
        Path dir = Files.createDirectories(tasks.resolve(Long.toString(tid)));
        Files.writeString(dir.resolve("comm"), name + "\n");
        Files.writeString(dir.resolve("schedstat"), cpuNanos + " 1234 56\n");
    }

    @Test
    void sumsTheMatchingThreadsAndKeepsAnEndedThreadsLastReading() throws Exception {
        ThreadCpu cpu = new ThreadCpu(tasks, TaskCosts.namesStartingWith("nicsim-consumer"));
        task(10, "nicsim-consumer", 1_000);
        task(11, "nicsim-device", 50_000);
        assertThat(cpu.cpuNanos()).isEqualTo(1_000);
        task(10, "nicsim-consumer", 3_000);
        task(12, "nicsim-consumer-", 500);
        assertThat(cpu.cpuNanos()).isEqualTo(3_500);
        Files.delete(tasks.resolve("10/comm"));
        Files.delete(tasks.resolve("10/schedstat"));
        Files.delete(tasks.resolve("10"));
        assertThat(cpu.cpuNanos()).as("thread 10 ended: its last reading stays").isEqualTo(3_500);
    }

    @Test
    void noTaskFolderIsNotMeasured() {
        assertThat(new ThreadCpu(tasks.resolve("missing"), name -> true).cpuNanos()).isEqualTo(-1);
    }

    @Test
    void readsAThreadOfThisProcess() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(TaskCosts.SELF_TASKS), "needs Linux /proc");
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread thread = Thread.ofPlatform().name("thread-cpu-test").start(() -> {
            ran.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            ran.await();
            assertThat(new ThreadCpu(List.of("thread-cpu-test")).cpuNanos()).isPositive();
            assertThat(new ThreadCpu(List.of("no-such-thread")).cpuNanos()).isZero();
        } finally {
            done.countDown();
            thread.join();
        }
    }
}
