package io.nicsim.host.interrupt;

/**
 * What the interrupt path signals: the host-side half that an interrupt wakes. The dispatcher calls it on its own
 * thread, so no method may block.
 */
public interface InterruptTarget {

    /**
     * An interrupt for RX queue {@code queue} (its details are in that queue's {@link InterruptLog}). Called on the
     * dispatcher's thread; must not block or allocate per call more than the waking mechanism itself does.
     */
    void onInterrupt(int queue);

    /**
     * Work the target does on the interrupt path's thread, called on every turn after the interrupts were
     * delivered: a shape whose driver runs there (as Linux runs NAPI in softirq context on the CPU that took the
     * interrupt) polls the ring and hands packets to its threads. Must not block.
     *
     * @return work done (0 when idle)
     */
    default int pollOnInterruptPath() {
        return 0;
    }

    /** The interrupt path is closing, on its own thread: release what {@link #pollOnInterruptPath()} opened. */
    default void closeOnInterruptPath() {
    }
}
