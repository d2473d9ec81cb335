package io.nicsim.host.cost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * System calls per packet from a fake /proc tree: read and write calls from each thread's io file (exact), the JVM's
 * waits from voluntary context switches (estimated), an epoll consumer's own counts (exact), and what an unreadable io
 * file leaves unmeasured.
 */
class SyscallCountTest {

    private static void task(Path dir, long tid, String comm, long voluntary, long syscr, long syscw)
            throws IOException {
        Path task = Files.createDirectories(dir.resolve(Long.toString(tid)));
        Files.writeString(task.resolve("comm"), comm + "\n");
        Files.writeString(task.resolve("schedstat"), "1000 0 1\n");
        Files.writeString(task.resolve("status"), "voluntary_ctxt_switches:\t" + voluntary
                + "\nnonvoluntary_ctxt_switches:\t0\n");
        Files.writeString(task.resolve("io"), "rchar: 99\nwchar: 0\nsyscr: " + syscr + "\nsyscw: " + syscw
                + "\nread_bytes: 0\n");
    }

    private static TaskSample consumer(Path root) throws IOException {
        Path before = root.resolve("before");
        task(before, 7, "nicsim-platform", 100, 10, 5);
        task(before, 8, "[device,irq-dis", 0, 0, 1_000);
        Path after = root.resolve("after");
        task(after, 7, "nicsim-platform", 900, 30, 5);
        task(after, 8, "[device,irq-dis", 0, 0, 9_000);
        return TaskCosts.between(TaskCosts.snapshot(before), TaskCosts.snapshot(after),
                TaskCosts.namesStartingWith("nicsim-platform-thread"), "consumer");
    }

    @Test
    void theJvmsWaitsAreEstimatedFromSwitchesAndTheReadsAndWritesAreExact(@TempDir Path root) throws IOException {
        TaskSample consumer = consumer(root);
        assertThat(consumer.readCalls()).isEqualTo(20);
        assertThat(consumer.writeCalls()).isZero();

        SyscallCosts costs = SyscallCount.of(consumer, null, 1_000, true);

        assertThat(costs.exact()).isFalse();
        assertThat(costs.figures()).extracting(SyscallCosts.Figure::calls)
                .containsExactly(SyscallCosts.WAITS, SyscallCosts.READ_WRITE, SyscallCosts.WAKES);
        assertThat(costs.figures()).extracting(SyscallCosts.Figure::perPacket).containsExactly(0.8, 0.02, 0.8);
        assertThat(costs.figures()).extracting(SyscallCosts.Figure::exact).containsExactly(false, true, false);
        assertThat(costs.perPacket()).isCloseTo(1.62, within(1e-9));
    }

    @Test
    void anEpollConsumersOwnCountsAreExact(@TempDir Path root) throws IOException {
        KernelCalls counted = new KernelCalls(700, 20, 800, 0, 0);

        SyscallCosts costs = SyscallCount.of(consumer(root), counted, 1_000, true);

        assertThat(costs.exact()).isTrue();
        assertThat(costs.figures()).extracting(SyscallCosts.Figure::perPacket).containsExactly(0.7, 0.02, 0.8);
        assertThat(costs.figures().get(1).how()).contains("syscr + syscw", "eventfd reads");
    }

    @Test
    void withoutTheIoFileReadsAndWritesAreNotMeasured(@TempDir Path root) throws IOException {
        SyscallCosts costs = SyscallCount.of(consumer(root), null, 1_000, false);

        assertThat(costs.figures().get(1).perPacket()).isNaN();
        assertThat(costs.figures().get(1).how()).startsWith("not measured");
        assertThat(TaskCosts.ioCalls(root.resolve("nope"))).containsExactly(0, 0);
    }

    @Test
    void roundsPoolWeightedByTheirPackets() {
        SyscallCosts one = SyscallCosts.of(java.util.List.of(new SyscallCosts.Figure("waits", 1.0, true, "x")));
        SyscallCosts two = SyscallCosts.of(java.util.List.of(new SyscallCosts.Figure("waits", 4.0, true, "x")));

        SyscallCosts pooled = SyscallCosts.pooled(java.util.Arrays.asList(one, null, two),
                java.util.List.of(100L, 0L, 300L));

        assertThat(pooled.perPacket()).isCloseTo(3.25, within(1e-9));
        assertThat(SyscallCosts.pooled(java.util.List.of(), java.util.List.of())).isNull();
    }

    @Test
    void thisJvmsThreadsHaveIoAccountingOnLinux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(TaskCosts.SELF_TASKS), "no /proc");
        assertThat(TaskCosts.ioReadable()).isTrue();
    }
}
