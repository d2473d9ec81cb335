package io.nicsim.host.cost;

/**
 * What the kernel accounts for one thread (a task under {@code /proc/self/task}) at one moment, or the
 * difference between two such moments.
 *
 * @param tid                        kernel thread id
 * @param name                       the thread's name as the kernel keeps it ({@code comm}, at most 15 characters)
 * @param cpuNanos                   time on a CPU ({@code schedstat}, first field)
 * @param runQueueWaitNanos          time runnable but waiting for a CPU: the scheduling delay ({@code schedstat},
 *                                   second field)
 * @param voluntaryContextSwitches   times it blocked
 * @param involuntaryContextSwitches times the scheduler preempted it
 */
public record TaskSample(long tid, String name, long cpuNanos, long runQueueWaitNanos, long voluntaryContextSwitches,
                         long involuntaryContextSwitches) {

    /** @return this sample minus an earlier one of the same task */
    public TaskSample minus(TaskSample earlier) {
        return new TaskSample(tid, name, cpuNanos - earlier.cpuNanos, runQueueWaitNanos - earlier.runQueueWaitNanos,
                voluntaryContextSwitches - earlier.voluntaryContextSwitches,
                involuntaryContextSwitches - earlier.involuntaryContextSwitches);
    }

    /** @return the sum of two samples (of different tasks), under the given name */
    public TaskSample plus(TaskSample other, String total) {
        return new TaskSample(-1, total, cpuNanos + other.cpuNanos, runQueueWaitNanos + other.runQueueWaitNanos,
                voluntaryContextSwitches + other.voluntaryContextSwitches,
                involuntaryContextSwitches + other.involuntaryContextSwitches);
    }

    /** An empty total. */
    public static TaskSample zero(String name) {
        return new TaskSample(-1, name, 0, 0, 0, 0);
    }
}
