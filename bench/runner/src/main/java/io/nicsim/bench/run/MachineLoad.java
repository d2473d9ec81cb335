package io.nicsim.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU other processes (and the hypervisor) took while a benchmark ran, from {@code /proc/stat} and
 * {@code /proc/self/stat} (this JVM and its finished children, such as JMH's forks, count as ours): on a 2-core machine
 * one busy neighbour ruins every figure, so each run reports it
 * beside its figures. Linux only; elsewhere everything reads 0.
 */
public final class MachineLoad {

    /** Other processes using this many cores or more make a neighbour worth naming beside paced figures. */
    public static final double BUSY_NEIGHBOUR_CORES = 0.1;

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");
    /** Clock ticks per second of /proc figures (USER_HZ, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100;

    /** A reading of the counters; {@code jitMillis} is this JVM's total JIT compilation time so far. */
    public record Sample(long nanos, long busyTicks, long stealTicks, long selfTicks, long jitMillis) {
    }

    /**
     * @param otherCores cores' worth of CPU used by other processes (and the kernel on their behalf)
     * @param stealCores cores' worth of time the hypervisor gave to other guests
     * @param jitMillis  milliseconds this JVM's JIT compilers worked meanwhile (on 2 cores, mostly taken from the
     *                   threads under test)
     */
    public record Usage(double otherCores, double stealCores, long jitMillis) {
        public static final Usage UNKNOWN = new Usage(0, 0, 0);
    }

    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private MachineLoad() {
    }

    public static Sample sample() {
        long nanos = System.nanoTime();
        long jit = jitMillis();
        try {
            String cpu = Files.readAllLines(STAT).getFirst();
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            String self = Files.readString(SELF);
            // the command may hold spaces and parentheses: fields count from the last ')'
            String[] s = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
            // utime, stime, and cutime, cstime of reaped children (fields 14-17): JMH's forked JVMs are ours too
            long selfTicks = Long.parseLong(s[11]) + Long.parseLong(s[12]) + Long.parseLong(s[13])
                    + Long.parseLong(s[14]);
            return new Sample(nanos, busy, steal, selfTicks, jit);
        } catch (IOException | RuntimeException e) {
            return new Sample(nanos, 0, 0, 0, jit);
        }
    }

    /** Length of one look at the machine while waiting for it to be quiet. */
    private static final long QUIET_WINDOW_NANOS = 200_000_000L;

    /**
     * Waits until other processes use less than {@link #BUSY_NEIGHBOUR_CORES} for a window of
     * {@value #QUIET_WINDOW_NANOS} ns, or until {@code maxWaitNanos} passed (then says so and goes on).
     */
    public static void awaitQuiet(long maxWaitNanos, java.io.PrintWriter progress) throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitNanos;
        boolean said = false;
        while (true) {
            Sample start = sample();
            Thread.sleep(QUIET_WINDOW_NANOS / 1_000_000);
            double other = since(start).otherCores();
            if (other < BUSY_NEIGHBOUR_CORES) {
                return;
            }
            if (System.nanoTime() > deadline) {
                progress.printf("  machine still busy (other processes use %s cores); measuring anyway%n",
                        cores(other));
                progress.flush();
                return;
            }
            if (!said) {
                progress.printf("  waiting for a quiet machine (other processes use %s cores) ...%n",
                        cores(other));
                progress.flush();
                said = true;
            }
        }
    }

    public static Usage since(Sample start) {
        Sample end = sample();
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        long jit = end.jitMillis() - start.jitMillis();
        if (seconds <= 0 || end.busyTicks() == 0) {
            return new Usage(0, 0, jit);
        }
        double other = (end.busyTicks() - start.busyTicks() - (end.selfTicks() - start.selfTicks()))
                / TICKS_PER_SECOND / seconds;
        double steal = (end.stealTicks() - start.stealTicks()) / TICKS_PER_SECOND / seconds;
        return new Usage(Math.max(0, other), Math.max(0, steal), jit);
    }

    /** @return 0.42 */
    public static String cores(double cores) {
        return String.format(java.util.Locale.ROOT, "%.2f", cores);
    }
}
