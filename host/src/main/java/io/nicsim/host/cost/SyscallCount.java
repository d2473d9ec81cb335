package io.nicsim.host.cost;

import java.util.List;

/**
 * Turns what a measured window saw into {@link SyscallCosts}: exact where the consumer counted its own calls
 * ({@link KernelCalls}, the epoll consumers) or the kernel kept them per thread ({@code /proc/self/task/TID/io}:
 * {@code syscr}, {@code syscw}), estimated where only context switches tell (the JVM's own waits: a parked thread
 * blocks in {@code futex}, an event loop in {@code epoll_wait}, neither counted by anyone).
 */
public final class SyscallCount {

    /** How an epoll consumer's waits are known. */
    static final String COUNTED_WAITS = "exact: epoll_wait/epoll_pwait2 calls the consumer counted";
    /** How an epoll consumer's wake-ups are known. */
    static final String COUNTED_WAKES = "exact: eventfd writes the interrupt path made (irqfd: one per interrupt)";
    /** How the JVM's waits are estimated. */
    static final String SWITCH_WAITS = "estimated: voluntary context switches of the consumer's threads (each a"
            + " blocking call: futex for a park, epoll_wait for an event loop; a lower bound, a wait that need not"
            + " block switches no thread)";
    /** How the JVM's wake-ups are estimated. */
    static final String SWITCH_WAKES = "estimated: one call by the interrupt path per blocking wait (futex wake,"
            + " an event loop's eventfd write; a timed wait that expired had none)";
    /** How reads and writes are known. */
    static final String IO_CALLS = "exact: read- and write-family calls of the consumer's threads"
            + " (/proc/self/task/TID/io syscr + syscw)";

    private SyscallCount() {
    }

    /**
     * @param consumer   what the consumer's threads did in the window
     * @param counted    the calls the consumer counted in the window, or null if it counts none
     * @param ioReadable whether the kernel's per-thread I/O accounting could be read (else reads and writes are not
     *                   measured, NaN)
     */
    public static SyscallCosts of(TaskSample consumer, KernelCalls counted, long packets, boolean ioReadable) {
        double per = Math.max(1, packets);
        double io = ioReadable ? (consumer.readCalls() + consumer.writeCalls()) / per : Double.NaN;
        if (counted != null) {
            return SyscallCosts.of(List.of(
                    new SyscallCosts.Figure(SyscallCosts.WAITS, counted.waits() / per, true, COUNTED_WAITS),
                    new SyscallCosts.Figure(SyscallCosts.READ_WRITE, ioReadable ? io : counted.reads() / per, true,
                            ioReadable ? IO_CALLS + "; its eventfd reads among them"
                                    : "exact: eventfd reads the consumer counted"),
                    new SyscallCosts.Figure(SyscallCosts.WAKES, counted.wakes() / per, true, COUNTED_WAKES)));
        }
        double waits = consumer.voluntaryContextSwitches() / per;
        return SyscallCosts.of(List.of(
                new SyscallCosts.Figure(SyscallCosts.WAITS, waits, false, SWITCH_WAITS),
                new SyscallCosts.Figure(SyscallCosts.READ_WRITE, io, ioReadable, ioReadable ? IO_CALLS
                        : "not measured: /proc/self/task/TID/io unreadable"),
                new SyscallCosts.Figure(SyscallCosts.WAKES, waits, false, SWITCH_WAKES)));
    }
}
