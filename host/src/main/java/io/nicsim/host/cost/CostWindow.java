package io.nicsim.host.cost;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Measures what a window of a run cost: opened when measuring starts and closed when it ends, it takes the
 * per-thread counters of {@link TaskCosts}, the JVM's CPU time and its collectors' counts at both ends, and
 * divides by the packets handled in between. Reads /proc and MXBeans only at the two ends, never per packet.
 */
public final class CostWindow {

    private final Predicate<String> consumerThreads;
    private final List<String> consumerThreadPrefixes;
    private final java.util.function.Supplier<KernelCalls> kernelCalls;
    private final boolean onCarriers;
    private Map<Long, TaskSample> tasksBefore;
    private KernelCalls callsBefore;
    private long openNanos;
    private long processCpuBefore;
    private long gcMillisBefore;
    private long gcCountBefore;

    /** @param consumerThreadPrefixes Java thread-name prefixes of the threads that run the consumer */
    public CostWindow(List<String> consumerThreadPrefixes) {
        this(consumerThreadPrefixes, () -> null, false);
    }

    /**
     * @param consumerThreadPrefixes Java thread-name prefixes of the threads that run the consumer
     * @param kernelCalls            the calls the consumer counts itself, running totals (null: it counts none)
     * @param onCarriers             whether the consumer runs on virtual threads (then the carriers are reported)
     */
    public CostWindow(List<String> consumerThreadPrefixes, java.util.function.Supplier<KernelCalls> kernelCalls,
                      boolean onCarriers) {
        this.consumerThreadPrefixes = List.copyOf(consumerThreadPrefixes);
        this.consumerThreads = TaskCosts.namesStartingWith(consumerThreadPrefixes.toArray(String[]::new));
        this.kernelCalls = kernelCalls;
        this.onCarriers = onCarriers;
    }

    /** Takes the opening counters. */
    public void open() {
        callsBefore = kernelCalls.get();
        openNanos = System.nanoTime();
        tasksBefore = TaskCosts.snapshot();
        processCpuBefore = processCpuNanos();
        gcMillisBefore = gcMillis();
        gcCountBefore = gcCount();
    }

    /** Takes the closing counters and divides by {@code packets}. */
    public RunCosts close(long packets) {
        Map<Long, TaskSample> tasksAfter = TaskCosts.snapshot();
        KernelCalls callsAfter = kernelCalls.get();
        long windowNanos = System.nanoTime() - openNanos;
        TaskSample consumer = TaskCosts.between(tasksBefore, tasksAfter, consumerThreads, "consumer");
        long processCpu = processCpuNanos() - processCpuBefore;
        double per = Math.max(1, packets);
        List<String> matched = new ArrayList<>();
        tasksAfter.values().stream().map(TaskSample::name).filter(consumerThreads).distinct().forEach(matched::add);
        KernelCalls counted = callsAfter == null || callsBefore == null ? null : callsAfter.minus(callsBefore);
        return new RunCosts(consumer.cpuNanos() / per, consumer.voluntaryContextSwitches() / per,
                consumer.involuntaryContextSwitches() / per, consumer.runQueueWaitNanos() / per,
                processCpu < 0 ? -1 : processCpu / per, gcMillis() - gcMillisBefore, gcCount() - gcCountBefore,
                packets, matched.isEmpty() ? consumerThreadPrefixes : matched)
                .withKernel(SyscallCount.of(consumer, counted, packets, TaskCosts.ioReadable()),
                        onCarriers ? carriers(tasksAfter, counted, windowNanos) : null);
    }

    /** @return the carriers at the window's end and what the consumer's waits pinned of them */
    private CarrierCosts carriers(Map<Long, TaskSample> tasks, KernelCalls counted, long windowNanos) {
        int carrierThreads = (int) tasks.values().stream().filter(task -> consumerThreads.test(task.name())).count();
        int peak = counted == null ? 0 : counted.peakPinned();
        double mean = counted == null || windowNanos <= 0 ? 0 : (double) counted.pinnedNanos() / windowNanos;
        return new CarrierCosts(CarrierCosts.schedulerParallelism(), carrierThreads, peak, mean, counted == null
                ? "its waits park and unmount: no carrier pinned (carrier threads from /proc/self/task)"
                : "pinned: the consumer's virtual threads in epoll_wait, counted around each call; carrier threads"
                + " from /proc/self/task");
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    private static long gcCount() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }
}
