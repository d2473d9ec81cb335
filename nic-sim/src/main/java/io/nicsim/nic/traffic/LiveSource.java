package io.nicsim.nic.traffic;

/**
 * A traffic source fed from outside while the run plays, not a schedule: {@link #next()} answering {@code false}
 * means that nothing has arrived yet, until {@link #ended()}. Its offsets are the times packets reached the
 * device thread, so they cannot be replayed; the wire polls it on every turn and never blocks on it.
 */
public interface LiveSource extends TrafficSource, AutoCloseable {

    /**
     * Opens the source; arrivals before {@code startNanos} wait outside (in the kernel, for a socket) and count from
     * time zero. Call once, on any thread, before the device thread polls.
     *
     * @throws IllegalStateException naming the offending key if the source cannot open
     */
    void start(long startNanos);

    /** @return true once the source will never deliver another packet (its time is up, or it was closed) */
    boolean ended();

    /** Releases what {@link #start(long)} opened; packets not yet read are never generated. */
    @Override
    void close();
}
