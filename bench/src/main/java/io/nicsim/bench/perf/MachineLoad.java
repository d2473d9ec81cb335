package io.nicsim.bench.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU other processes (and the hypervisor) took while a benchmark ran, from {@code /proc/stat} and
 * {@code /proc/self/stat}: on a 2-core machine one busy neighbour ruins every figure, so each run reports it
 * beside its figures. Linux only; elsewhere everything reads 0.
 */
final class MachineLoad {

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF = Path.of("/proc/self/stat");
    /** Clock ticks per second of /proc figures (USER_HZ, 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100;

    /** A reading of the counters. */
    record Sample(long nanos, long busyTicks, long stealTicks, long selfTicks) {
    }

    /**
     * @param otherCores cores' worth of CPU used by other processes (and the kernel on their behalf)
     * @param stealCores cores' worth of time the hypervisor gave to other guests
     */
    record Usage(double otherCores, double stealCores) {
        static final Usage UNKNOWN = new Usage(0, 0);
    }

    private MachineLoad() {
    }

    static Sample sample() {
        long nanos = System.nanoTime();
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
            long selfTicks = Long.parseLong(s[11]) + Long.parseLong(s[12]); // utime, stime (fields 14, 15)
            return new Sample(nanos, busy, steal, selfTicks);
        } catch (IOException | RuntimeException e) {
            return new Sample(nanos, 0, 0, 0);
        }
    }

    /** Length of one look at the machine while waiting for it to be quiet. */
    private static final long QUIET_WINDOW_NANOS = 200_000_000L;

    /**
     * Waits until other processes use less than {@link Format#BUSY_NEIGHBOUR_CORES} for a window of
     * {@value #QUIET_WINDOW_NANOS} ns, or until {@code maxWaitNanos} passed (then says so and goes on).
     */
    static void awaitQuiet(long maxWaitNanos, java.io.PrintWriter progress) throws InterruptedException {
        long deadline = System.nanoTime() + maxWaitNanos;
        boolean said = false;
        while (true) {
            Sample start = sample();
            Thread.sleep(QUIET_WINDOW_NANOS / 1_000_000);
            double other = since(start).otherCores();
            if (other < Format.BUSY_NEIGHBOUR_CORES) {
                return;
            }
            if (System.nanoTime() > deadline) {
                progress.printf("  machine still busy (other processes use %s cores); measuring anyway%n",
                        Format.cores(other));
                progress.flush();
                return;
            }
            if (!said) {
                progress.printf("  waiting for a quiet machine (other processes use %s cores) ...%n", Format.cores(other));
                progress.flush();
                said = true;
            }
        }
    }

    static Usage since(Sample start) {
        Sample end = sample();
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        if (seconds <= 0 || end.busyTicks() == 0) {
            return Usage.UNKNOWN;
        }
        double other = (end.busyTicks() - start.busyTicks() - (end.selfTicks() - start.selfTicks()))
                / TICKS_PER_SECOND / seconds;
        double steal = (end.stealTicks() - start.stealTicks()) / TICKS_PER_SECOND / seconds;
        return new Usage(Math.max(0, other), Math.max(0, steal));
    }
}
