package io.nicsim.host.consumer;

import io.nicsim.host.cost.CarrierCosts;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The carriers that virtual threads blocked in native calls hold: a virtual thread in {@code epoll_wait} (a foreign
 * function) cannot unmount, so its carrier blocks with it and the scheduler does not add one (JEP 491 ended pinning
 * for {@code synchronized}, not for native frames). One per group of consumers: how many of its waits pin a carrier
 * now and at most. JVM-wide, how many such consumers are alive, so one more than the scheduler has carriers is refused
 * instead of never being mounted.
 */
public final class CarrierPins {

    private static final AtomicInteger HOLDERS = new AtomicInteger();

    /** A count for one run's consumers. */
    public CarrierPins() {
        // counts from zero
    }

    private final AtomicInteger pinned = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    /**
     * A consumer whose thread will pin a carrier while it waits starts.
     *
     * @param who the consumer, for the message
     * @throws IllegalStateException if every carrier of the scheduler is already held so: its thread would never run
     */
    static void hold(String who) {
        int parallelism = CarrierCosts.schedulerParallelism();
        if (HOLDERS.incrementAndGet() > parallelism) {
            HOLDERS.decrementAndGet();
            throw new IllegalStateException(who + ": each waiting virtual thread pins its carrier in epoll_wait, and"
                    + " the virtual-thread scheduler's " + parallelism + " carrier(s) are all pinned already"
                    + " (jdk.virtualThreadScheduler.parallelism); use fewer RX queues or epoll-thread");
        }
    }

    /** That consumer stopped. */
    static void release() {
        HOLDERS.decrementAndGet();
    }

    /** A wait that pins its carrier begins. */
    void enter() {
        int now = pinned.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    /** It ended. */
    void exit() {
        pinned.decrementAndGet();
    }

    /** @return the most waits that pinned carriers at once, so far */
    int peak() {
        return peak.get();
    }
}
