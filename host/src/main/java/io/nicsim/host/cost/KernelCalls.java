package io.nicsim.host.cost;

/**
 * The system calls a consumer that waits through the kernel counts itself, so that they are exact (an epoll consumer:
 * each {@code epoll_wait}, each eventfd {@code read}, and each eventfd {@code write} the interrupt path made to wake
 * it), and, for one on virtual threads, how long its waits held their carriers: a blocking call from a virtual thread
 * pins the carrier under it. Running totals; {@link #minus} gives a window's.
 *
 * @param waits          blocking waits ({@code epoll_wait}, {@code epoll_pwait2}) its threads made
 * @param reads          reads of its eventfd counters
 * @param wakes          writes the interrupt path made to its eventfds (the irqfd path: one per interrupt)
 * @param pinnedNanos    time its virtual threads spent in waits that pinned their carriers (0 on platform threads)
 * @param peakPinned     the most carriers its waits pinned at once
 */
public record KernelCalls(long waits, long reads, long wakes, long pinnedNanos, int peakPinned) {

    /** Nothing counted. */
    public static final KernelCalls NONE = new KernelCalls(0, 0, 0, 0, 0);

    /** @return the calls made since {@code earlier} (the peak is the later one's: the most at once, all along) */
    public KernelCalls minus(KernelCalls earlier) {
        return new KernelCalls(waits - earlier.waits, reads - earlier.reads, wakes - earlier.wakes,
                pinnedNanos - earlier.pinnedNanos, peakPinned);
    }

    /**
     * @return two consumers' calls together; the peak is the larger, since the consumers of one run share the count of
     *         what their waits pin at once
     */
    public KernelCalls plus(KernelCalls other) {
        return new KernelCalls(waits + other.waits, reads + other.reads, wakes + other.wakes,
                pinnedNanos + other.pinnedNanos, Math.max(peakPinned, other.peakPinned));
    }
}
