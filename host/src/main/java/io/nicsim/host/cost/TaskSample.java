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
 * @param readCalls                  read-family system calls it made ({@code io}: {@code syscr}; 0 where unreadable)
 * @param writeCalls                 write-family system calls it made ({@code io}: {@code syscw}; 0 where unreadable)
 */
public record TaskSample(long tid, String name, long cpuNanos, long runQueueWaitNanos, long voluntaryContextSwitches,
                         long involuntaryContextSwitches, long readCalls, long writeCalls) {

    /** A sample without read and write counts. */
    public TaskSample(long tid, String name, long cpuNanos, long runQueueWaitNanos, long voluntaryContextSwitches,
                      long involuntaryContextSwitches) {
        this(tid, name, cpuNanos, runQueueWaitNanos, voluntaryContextSwitches, involuntaryContextSwitches, 0, 0);
    }

    /** @return this sample minus an earlier one of the same task */
    public TaskSample minus(TaskSample earlier) {
        return new TaskSample(tid, name, cpuNanos - earlier.cpuNanos, runQueueWaitNanos - earlier.runQueueWaitNanos,
                voluntaryContextSwitches - earlier.voluntaryContextSwitches,
                involuntaryContextSwitches - earlier.involuntaryContextSwitches, readCalls - earlier.readCalls,
                writeCalls - earlier.writeCalls);
    }

    /** @return the sum of two samples (of different tasks), under the given name */
    public TaskSample plus(TaskSample other, String total) {
        return new TaskSample(-1, total, cpuNanos + other.cpuNanos, runQueueWaitNanos + other.runQueueWaitNanos,
                voluntaryContextSwitches + other.voluntaryContextSwitches,
                involuntaryContextSwitches + other.involuntaryContextSwitches, readCalls + other.readCalls,
                writeCalls + other.writeCalls);
    }

    /** An empty total. */
    public static TaskSample zero(String name) {
        return new TaskSample(-1, name, 0, 0, 0, 0, 0, 0);
    }
}
