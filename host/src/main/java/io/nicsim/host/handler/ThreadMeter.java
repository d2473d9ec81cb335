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
    /** What one CPU-time read costs here, measured once per JVM. */
    static final long CPU_READ_NANOS;
    /** Calls per CPU-time read: 1, or a power of two keeping the reads' share near 25 ns per call. */
    static final int CPU_SAMPLE_EVERY;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final MethodHandle CARRIER = carrierHandle();

    static {
        CPU_READ_NANOS = measureCpuRead();
        CPU_SAMPLE_EVERY = CPU_READ_NANOS <= CPU_READ_BUDGET_NANOS ? 1
                : Integer.highestOneBit((int) Math.min(1024, (CPU_READ_NANOS + 24) / 25 - 1)) << 1;
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
        int reads = 2_000;
        long sink = 0;
        for (int i = 0; i < reads / 4; i++) {
            sink += THREADS.getCurrentThreadCpuTime();
        }
        long startNanos = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            sink += THREADS.getCurrentThreadCpuTime();
        }
        long nanos = (System.nanoTime() - startNanos) / reads;
        return sink == 42 ? nanos + 1 : nanos;
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
