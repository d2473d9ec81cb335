package io.nicsim.host.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The CPU time so far of this process's threads whose names match, from Linux's
 * {@code /proc/self/task/<tid>/schedstat}, for a figure read once a second while a run plays ({@code --live}). Each
 * thread's name is read once, when its id is first seen; after that only the schedstat files of the threads that
 * match are read. A thread that ended keeps its last reading, so the sum never goes back. Trade-off: cheaper than
 * {@link TaskCosts#snapshot()} (one small file per matching thread, not four per thread), at the price of missing the
 * CPU a thread used between its last reading and its end.
 */
public final class ThreadCpu {

    private final Path taskDir;
    private final Predicate<String> threadName;
    /** Thread id to its last CPU reading, for the threads that match; -1 for those that do not. */
    private final Map<Long, Long> known = new HashMap<>();

    /** @param javaNamePrefixes Java thread-name prefixes of the threads to sum (the consumer's) */
    public ThreadCpu(List<String> javaNamePrefixes) {
        this(TaskCosts.SELF_TASKS, TaskCosts.namesStartingWith(javaNamePrefixes.toArray(String[]::new)));
    }

    /**
     * @param taskDir    where the threads are listed (one folder per thread id, with {@code comm} and
     *                   {@code schedstat})
     * @param threadName which kernel thread names to sum
     */
    public ThreadCpu(Path taskDir, Predicate<String> threadName) {
        this.taskDir = taskDir;
        this.threadName = threadName;
    }

    /** @return CPU nanoseconds the matching threads used so far, or -1 where the threads cannot be listed */
    public long cpuNanos() {
        try (Stream<Path> tasks = Files.list(taskDir)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                read(task);
            }
        } catch (IOException | RuntimeException e) {
            return -1; // no /proc
        }
        long sum = 0;
        for (long cpu : known.values()) {
            sum += Math.max(0, cpu);
        }
        return sum;
    }

    private void read(Path task) {
        long tid;
        try {
            tid = Long.parseLong(task.getFileName().toString());
        } catch (NumberFormatException e) {
            return;
        }
        Long last = known.get(tid);
        try {
            if (last == null) {
                last = threadName.test(Files.readString(task.resolve("comm")).strip()) ? 0L : -1L;
                known.put(tid, last);
            }
            if (last >= 0) {
                String schedstat = Files.readString(task.resolve("schedstat"));
                int end = schedstat.indexOf(' ');
                known.put(tid, Long.parseLong((end < 0 ? schedstat : schedstat.substring(0, end)).strip()));
            }
        } catch (IOException | RuntimeException e) {
            // the thread ended while we looked: its last reading stays
        }
    }
}
