package io.nicsim.host.model;

import java.util.Map;

/**
 * What the host costs, for a virtual-time run: a model of the machine, measured on one and named by
 * {@link #source()}. Loaded from a small file (the runner parses it) or the built-in default.
 *
 * @param source             where the numbers come from: a file path, or "built-in: machine, date"
 * @param cores              host cores the consumers, interrupts and workers share
 * @param deliver            interrupt delivery latency: raised by the device to its handler running on the host
 * @param irqNanos           CPU of an interrupt's hardirq and softirq entry on its core; it preempts whatever runs
 *                           there (so receive livelock can appear)
 * @param contextSwitchNanos CPU a thread pays when it wakes from a sleep (switching in)
 * @param timerSlack         how late a thread's timed sleep (a handler's blocking wait, a driver's timer) ends after
 *                           its deadline, before the wake-up (Linux's timer slack: 50 us by default)
 * @param emptyPollNanos     how long an empty poll takes when a driver polls again at once (a spin)
 * @param kinds              costs per consumer kind and shape, by consumer name
 */
public record HostModel(String source, int cores, Quantiles deliver, long irqNanos, long contextSwitchNanos,
                        Quantiles timerSlack, long emptyPollNanos, Map<String, Kind> kinds) {

    /**
     * @param wake           wake-up latency: signalled to running (parking kinds, an event loop; a shape's worker);
     *                       busy-poll, which never sleeps: how long after the device's write its spinning poll sees a
     *                       descriptor that arrived while it spun
     * @param perPacketNanos driver CPU per packet (reading the descriptor, the stamps), besides the handler's work
     * @param perPollNanos   driver CPU of a poll that ends in a sleep (the empty read, the re-arm, the way into the
     *                       sleep: calibration fits it per wake-up); a shape's softirq poll pays it per poll
     * @param handoffNanos   shapes: CPU the driver spends handing one packet to a worker
     * @param timedWaitNanos CPU of one timed wait of this kind's threads (a handler's blocking wait, a driver's
     *                       timed sleep): arming the timer, sleeping, its expiry and running again; for event loops
     *                       the loop's CPU while a timer is pending (in a VM, timers cost VM exits)
     */
    public record Kind(Quantiles wake, long perPacketNanos, long perPollNanos, long handoffNanos,
                       long timedWaitNanos) {

        /** A kind whose timed waits cost {@code timedWaitNanos}, for callers that do not tell them apart. */
        public Kind(Quantiles wake, long perPacketNanos, long perPollNanos, long handoffNanos) {
            this(wake, perPacketNanos, perPollNanos, handoffNanos, 0);
        }
    }

    public HostModel {
        if (cores < 1) {
            throw new IllegalArgumentException("host model: cores must be at least 1, got " + cores);
        }
        if (emptyPollNanos < 1) {
            throw new IllegalArgumentException("host model: emptyPollNanos must be at least 1, got "
                    + emptyPollNanos);
        }
        kinds = Map.copyOf(kinds);
    }

    /** @return the costs of consumer {@code name} */
    public Kind kind(String name) {
        Kind kind = kinds.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("host model " + source + " has no costs for consumer '" + name
                    + "'; it has " + kinds.keySet());
        }
        return kind;
    }

    /**
     * A host that costs nothing: every wake-up, delivery and driver step takes no time (closed-form checks).
     *
     * @param consumers the consumer names it covers
     */
    public static HostModel zeroCost(int cores, Iterable<String> consumers) {
        Map<String, Kind> kinds = new java.util.LinkedHashMap<>();
        for (String name : consumers) {
            kinds.put(name, new Kind(Quantiles.constant(0), 0, 0, 0));
        }
        return new HostModel("zero-cost", cores, Quantiles.constant(0), 0, 0, Quantiles.constant(0), 100, kinds);
    }
}
