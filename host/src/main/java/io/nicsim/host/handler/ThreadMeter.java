package io.nicsim.host.handler;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;

/**
 * Reads the CPU time and the allocated bytes of the thread that runs the calling code, for a handler's costs. A
 * platform thread reads its own counters ({@code ThreadMXBean#getCurrentThreadCpuTime}, a system call, and
 * {@code getCurrentThreadAllocatedBytes}, a field read); a virtual thread has none (the JDK answers -1), so the
 * counters of the carrier it is mounted on are read, found through {@code Thread.currentCarrierThread()} (nicsim opens
 * java.lang to itself; without that, virtual threads measure nothing). A reading across an unmount may include other
 * virtual threads' CPU and allocation on that carrier: {@link CallCosts} drops samples whose carrier changed, but
 * not those that came back to the same one.
 */
final class ThreadMeter {

    /** A CPU read costing more than this is read on one call in {@link #CPU_SAMPLE_EVERY}. */
    static final long CPU_READ_BUDGET_NANOS = 200;
    /** What one CPU-time read costs here (the cheapest of a few batches, so a busy machine does not inflate it). */
    static final long CPU_READ_NANOS;
    /** Calls per CPU-time read: 1, or a power of two keeping the two reads' share near 50 ns per call. */
    static final int CPU_SAMPLE_EVERY;
    /**
     * CPU time two back-to-back reads of a platform thread's own clock show with nothing between them (the reads'
     * own system calls), subtracted from each sample.
     */
    static final long CPU_READ_BIAS_NANOS;

    private static final int BATCHES = 5;
    private static final int READS = 400;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final MethodHandle CARRIER = carrierHandle();

    static {
        CPU_READ_NANOS = measureCpuRead();
        CPU_SAMPLE_EVERY = CPU_READ_NANOS <= CPU_READ_BUDGET_NANOS ? 1
                : Integer.highestOneBit((int) Math.min(1024, (2 * CPU_READ_NANOS + 49) / 50 - 1)) << 1;
        CPU_READ_BIAS_NANOS = medianBias();
    }

    /** The bias of a virtual thread's reads of its carrier's clock, measured on the first virtual thread to ask. */
    private static final class CarrierBias {
        static final long NANOS = medianBias();
    }

    private ThreadMeter() {
    }

    private static MethodHandle carrierHandle() {
        try {
            var method = Thread.class.getDeclaredMethod("currentCarrierThread");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // java.lang not opened: virtual threads are not metered
        }
    }

    private static long measureCpuRead() {
        long cheapest = Long.MAX_VALUE;
        long sink = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            long startNanos = System.nanoTime();
            for (int i = 0; i < READS; i++) {
                sink += THREADS.getCurrentThreadCpuTime();
            }
            cheapest = Math.min(cheapest, (System.nanoTime() - startNanos) / READS);
        }
        return sink == 42 ? cheapest + 1 : cheapest;
    }

    /** @return the median CPU time between two back-to-back reads of the calling code's thread's clock, or 0 */
    private static long medianBias() {
        Thread metered = meteredThread();
        if (metered == null) {
            return 0;
        }
        long[] deltas = new long[READS + 1];
        for (int i = 0; i < deltas.length; i++) {
            long before = cpuNanos(metered);
            long after = cpuNanos(metered);
            deltas[i] = meteredThread() == metered && before >= 0 ? Math.max(0, after - before) : 0;
        }
        java.util.Arrays.sort(deltas);
        return deltas[deltas.length / 2];
    }

    /** @return the bias to subtract from a CPU sample read on {@code metered} by the calling code */
    static long cpuReadBias(Thread metered) {
        return metered == Thread.currentThread() ? CPU_READ_BIAS_NANOS : CarrierBias.NANOS;
    }

    /** @return the OS thread the calling code runs on (a virtual thread's carrier), or null if unknown */
    static Thread meteredThread() {
        Thread thread = Thread.currentThread();
        if (!thread.isVirtual()) {
            return thread;
        }
        if (CARRIER == null) {
            return null;
        }
        try {
            return (Thread) CARRIER.invokeExact();
        } catch (Throwable e) {
            return null;
        }
    }

    /** @return the CPU time of {@code metered} (from {@link #meteredThread()}) in nanoseconds, or -1 */
    static long cpuNanos(Thread metered) {
        if (metered == null) {
            return -1;
        }
        return metered == Thread.currentThread() ? THREADS.getCurrentThreadCpuTime()
                : THREADS.getThreadCpuTime(metered.threadId());
    }

    /** @return the bytes {@code metered} (from {@link #meteredThread()}) allocated so far, or -1 */
    static long allocatedBytes(Thread metered) {
        if (metered == null) {
            return -1;
        }
        return metered == Thread.currentThread() ? THREADS.getCurrentThreadAllocatedBytes()
                : THREADS.getThreadAllocatedBytes(metered.threadId());
    }
}
