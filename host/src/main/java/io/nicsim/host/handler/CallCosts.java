package io.nicsim.host.handler;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one caller's handler calls cost, summed: calls, wall time in the handler (for an async call, until its
 * completion), CPU time and allocated bytes over the calls that measured them. Each sum has one writer at a time (the
 * caller; an async call's wall time, its completer), published with release stores; any thread reads. No lock, nothing
 * allocated per call.
 */
final class CallCosts {

    static final int CALLS = 0;
    static final int WALL_NANOS = 1;
    static final int CPU_NANOS = 2;
    static final int CPU_SAMPLES = 3;
    static final int ALLOCATED_BYTES = 4;
    static final int ALLOCATION_SAMPLES = 5;
    static final int SUMS = 6;

    private final AtomicLongArray sums = new AtomicLongArray(SUMS);

    /** The writer of sum {@code index}: adds {@code delta}. */
    void add(int index, long delta) {
        sums.setRelease(index, sums.getPlain(index) + delta);
    }

    /** The caller: one more call; @return whether it is to read CPU time ({@link ThreadMeter#CPU_SAMPLE_EVERY}) */
    boolean countCall() {
        long calls = sums.getPlain(CALLS);
        sums.setRelease(CALLS, calls + 1);
        return (calls & (ThreadMeter.CPU_SAMPLE_EVERY - 1)) == 0;
    }

    /**
     * Adds a call's CPU time and allocation, where both readings came from one thread ({@code -1}: not read);
     * {@code ownBytes} of the allocation were nicsim's (a view's buffer made on first use), not the handler's.
     */
    void addMeasured(Thread before, Thread after, long cpuBefore, long cpuAfter, long allocatedBefore,
                     long allocatedAfter, long ownBytes) {
        if (before == null || before != after) {
            return; // a virtual thread moved to another carrier: its counters do not cover the call
        }
        if (cpuBefore >= 0 && cpuAfter >= cpuBefore) {
            add(CPU_NANOS, Math.max(0, cpuAfter - cpuBefore - ThreadMeter.cpuReadBias(before)));
            add(CPU_SAMPLES, 1);
        }
        if (allocatedBefore >= 0 && allocatedAfter >= allocatedBefore) {
            add(ALLOCATED_BYTES, Math.max(0, allocatedAfter - allocatedBefore - ownBytes));
            add(ALLOCATION_SAMPLES, 1);
        }
    }

    /** Any thread: adds these sums into {@code totals}. */
    void addTo(long[] totals) {
        for (int i = 0; i < SUMS; i++) {
            totals[i] += sums.get(i);
        }
    }
}
