package io.nicsim.host.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Per-thread CPU time, scheduling delay, context switches and read/write system calls of this process, from Linux's
 * {@code /proc/self/task/<tid>/{comm,schedstat,status,io}}: a snapshot before and after a measured window, and
 * their difference summed over the threads that matter (the consumer's, its carriers', the event loop's).
 * Threads are matched by kernel name, which keeps only the first 15 characters of a Java thread's name.
 * Where /proc is missing, snapshots are empty and every figure is 0.
 */
public final class TaskCosts {

    /** Where this process's threads are listed. */
    public static final Path SELF_TASKS = Path.of("/proc/self/task");

    private TaskCosts() {
    }

    /** @return every thread's counters now, by kernel thread id */
    public static Map<Long, TaskSample> snapshot() {
        return snapshot(SELF_TASKS);
    }

    /** @return every thread's counters under {@code taskDir}, by kernel thread id */
    public static Map<Long, TaskSample> snapshot(Path taskDir) {
        Map<Long, TaskSample> samples = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(taskDir)) {
            tasks.forEach(task -> {
                TaskSample sample = read(task);
                if (sample != null) {
                    samples.put(sample.tid(), sample);
                }
            });
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to report
        }
        return samples;
    }

    private static TaskSample read(Path task) {
        try {
            long tid = Long.parseLong(task.getFileName().toString());
            String name = Files.readString(task.resolve("comm")).strip();
            String[] schedstat = Files.readString(task.resolve("schedstat")).strip().split("\\s+");
            ProcStatus status = ProcStatus.read(task.resolve("status"));
            long[] io = ioCalls(task.resolve("io"));
            return new TaskSample(tid, name, Long.parseLong(schedstat[0]), Long.parseLong(schedstat[1]),
                    Math.max(0, status.voluntaryContextSwitches()), Math.max(0, status.involuntaryContextSwitches()),
                    io[0], io[1]);
        } catch (IOException | RuntimeException e) {
            return null; // the thread ended while we looked
        }
    }

    /** @return whether this thread's task I/O accounting can be read (the kernel keeps it, and lets this process) */
    public static boolean ioReadable() {
        return Files.isReadable(Path.of("/proc/thread-self/io"));
    }

    /**
     * @return {@code syscr} and {@code syscw} of a task's {@code io} file: the read- and write-family system calls it
     *         made (exact counts, kept by the kernel's task I/O accounting); 0 and 0 where the file cannot be read
     */
    static long[] ioCalls(Path ioFile) {
        long[] calls = new long[2];
        try {
            for (String line : Files.readAllLines(ioFile)) {
                if (line.startsWith("syscr:")) {
                    calls[0] = Long.parseLong(line.substring(6).strip());
                } else if (line.startsWith("syscw:")) {
                    calls[1] = Long.parseLong(line.substring(6).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no task I/O accounting in this kernel, or not ours to read: counted as none
        }
        return calls;
    }

    /**
     * Sums, over the threads whose name matches, what they did between two snapshots; threads born after the
     * first snapshot count from zero.
     */
    public static TaskSample between(Map<Long, TaskSample> before, Map<Long, TaskSample> after,
                                     Predicate<String> threadName, String total) {
        TaskSample sum = TaskSample.zero(total);
        for (TaskSample now : after.values()) {
            if (!threadName.test(now.name())) {
                continue;
            }
            TaskSample then = before.get(now.tid());
            TaskSample delta = then != null && then.name().equals(now.name()) ? now.minus(then) : now;
            sum = sum.plus(delta, total);
        }
        return sum;
    }

    /** @return a predicate matching kernel thread names that start with any of the given Java name prefixes */
    public static Predicate<String> namesStartingWith(String... javaNamePrefixes) {
        return name -> {
            for (String prefix : javaNamePrefixes) {
                String kernelPrefix = prefix.length() > 15 ? prefix.substring(0, 15) : prefix;
                if (name.startsWith(kernelPrefix)) {
                    return true;
                }
            }
            return false;
        };
    }
}
