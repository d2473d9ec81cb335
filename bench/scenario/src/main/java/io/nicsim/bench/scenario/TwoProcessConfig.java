package io.nicsim.bench.scenario;

/**
 * The settings of two-process mode, where the NIC ({@code nicsim nic}) and the host ({@code nicsim host}) run in
 * separate JVMs over the Chronicle queues of one folder. One-process runs ignore them.
 *
 * @param stallTimeoutNanos  a host that hears no heartbeat from the NIC for this long reports it stalled
 * @param attachTimeoutNanos how long the NIC waits for a host to attach, and a host for the NIC's start
 */
public record TwoProcessConfig(long stallTimeoutNanos, long attachTimeoutNanos) {

    /** Two seconds: two hundred missed heartbeats, far beyond any GC pause or scheduling hiccup of a live NIC. */
    public static final long DEFAULT_STALL_TIMEOUT_NANOS = 2_000_000_000L;
    /** Thirty seconds: time to start the other side by hand in a second terminal. */
    public static final long DEFAULT_ATTACH_TIMEOUT_NANOS = 30_000_000_000L;
}
