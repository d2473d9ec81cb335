package io.nicsim.handler;

/**
 * A handler that starts handling each packet on the consumer's thread and says later that it is done, as
 * non-blocking code on an event loop does (a Vert.x future, a CompletableFuture, a callback): the packet counts as
 * handled when {@link Completion#complete()} is called. Event-loop consumers never wait for it (the loop handles
 * other packets meanwhile); a consumer whose threads may block waits for it (it parks; the busy-poll baseline spins;
 * a virtual-thread verticle awaits it, so the verticle's other packets run meanwhile). A class that implements
 * {@link PacketHandler} too is called through this interface on event loops and virtual-thread verticles and through
 * {@link PacketHandler} on other threads.
 */
public interface AsyncPacketHandler extends HandlerLifecycle {

    /**
     * Starts handling one packet. {@code packet} stays valid until {@code completion} is completed or failed (nicsim
     * holds it in a slot until then); call exactly one of {@link Completion#complete()} and
     * {@link Completion#fail(Throwable)}, exactly once, from any thread.
     *
     * @throws Exception to drop the packet at once, as {@link Completion#fail(Throwable)} does
     */
    void handle(Packet packet, Completion completion) throws Exception;
}
