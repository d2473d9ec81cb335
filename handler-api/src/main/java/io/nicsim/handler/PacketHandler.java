package io.nicsim.handler;

/**
 * A handler that handles each packet on the consumer's thread and returns when it is done: the packet counts as
 * handled when {@link #handle} returns. On a thread it may block (a virtual thread unmounts from its carrier while
 * it does); on an event loop it runs on the loop itself and every packet behind it waits, as a blocking call in a
 * Vert.x handler makes them wait.
 */
public interface PacketHandler extends HandlerLifecycle {

    /**
     * Handles one packet. {@code packet} is valid only until this returns (nicsim reuses it: keep none of it).
     *
     * @throws Exception to drop the packet: it counts as dropped with reason {@code handler-error}, the first
     *                   exception's message and the count go into summary.json, and the run goes on
     */
    void handle(Packet packet) throws Exception;
}
