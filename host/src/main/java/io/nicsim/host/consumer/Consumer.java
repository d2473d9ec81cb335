package io.nicsim.host.consumer;

import io.nicsim.host.interrupt.InterruptTarget;

/**
 * A host-side way of waiting for packets: the code under test. Two sides, as in a Disruptor wait strategy:
 * the consumer waits in its own way (spinning, parking a platform or virtual thread, an event loop), and the
 * interrupt path signals it with {@link #onInterrupt()}, which must never block. Between waits the consumer
 * runs its {@link io.nicsim.firmware.driver.DriverPolicy}: poll with a budget, poll again, sleep on a timer,
 * or re-arm the interrupt and sleep until it fires.
 */
public interface Consumer extends InterruptTarget {

    /** A task that does nothing: {@link #start(Runnable)} with it is {@link #start()}. */
    Runnable NO_TASK = () -> { };

    /** @return the consumer's name as used in scenario files and output, e.g. {@code virtual-thread} */
    String name();

    /** @return how the consumer waits, for the placement record, e.g. {@code park}, {@code spin} */
    String waitsBy();

    /** @return the name of the thread the consumer runs on, for the placement record (valid after start) */
    String threadName();

    /**
     * @return name prefixes of the threads whose CPU time and context switches are the consumer's: its own
     *         thread, or for virtual threads their carriers
     */
    default java.util.List<String> costThreadPrefixes() {
        return java.util.List.of(threadName());
    }

    /** Starts the consumer and returns once it is waiting for its first packet. */
    void start() throws Exception;

    /**
     * @return why the consumer has no platform thread of its own, the one that drains its ring and could have a
     *         core to itself (virtual threads run on carriers, shapes on many threads), or null if it has one
     */
    default String whyNoOwnThread() {
        return "runs on several threads";
    }

    /**
     * Starts the consumer as {@link #start()} does. If it has a platform thread of its own ({@link #whyNoOwnThread()}
     * is null), {@code onOwnThread} runs on that thread first, once, before this returns: pinning that thread to a
     * core, say. Otherwise {@code onOwnThread} never runs.
     */
    default void start(Runnable onOwnThread) throws Exception {
        start();
    }

    /**
     * The interrupt path delivered an interrupt for this consumer's queue (its details are in the context's
     * interrupt log). Called on the dispatcher's thread; must not block or allocate per call more than the
     * waking mechanism itself does.
     */
    void onInterrupt();

    /**
     * An interrupt for RX queue {@code queue}: a consumer serving several queues (the shapes whose driver runs on
     * the interrupt path) tells them apart; one that serves a single queue is {@link #onInterrupt()}.
     */
    @Override
    default void onInterrupt(int queue) {
        onInterrupt();
    }

    /**
     * @return the system calls the consumer counts itself as it waits (running totals, any thread), for exact syscall
     *         figures; null, by default, for a consumer that counts none (its calls are estimated from /proc)
     */
    default io.nicsim.host.cost.KernelCalls kernelCalls() {
        return null;
    }

    /** Stops waiting and returns once every thread of the consumer has finished with the queues. */
    void stop() throws Exception;


    /**
     * @return whether and how the consumer serves high-priority packets first, for the report; by default it
     *         cannot: one thread drains one ring in arrival order
     */
    default String priority() {
        return Priorities.IN_ORDER;
    }
}
