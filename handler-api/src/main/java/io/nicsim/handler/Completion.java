package io.nicsim.handler;

/**
 * How an {@link AsyncPacketHandler} says that it is done with a packet. nicsim reuses completions (one per packet in
 * flight, none allocated per packet): call one of its methods once, then keep no reference to it.
 */
public interface Completion {

    /** The packet was handled: it counts as delivered, stamped handled now. */
    void complete();

    /**
     * The packet could not be handled: it counts as dropped with reason {@code handler-error}, and {@code error}'s
     * message goes into summary.json if it is the run's first.
     */
    void fail(Throwable error);
}
