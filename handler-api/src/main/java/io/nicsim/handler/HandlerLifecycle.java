package io.nicsim.handler;

/**
 * What every packet handler has, whichever way it handles packets: it is opened once before the run's first packet
 * and closed once after its last. nicsim makes one instance per run with the class's public no-argument constructor;
 * a consumer with several threads (a pool, a thread per flow, several event loops) calls that one instance from all
 * of them at once ({@link HandlerContext#threads()}), so its state must be safe to share, as a servlet's is.
 * nicsim may also construct one instance when it checks the class, before anything runs, and drop it unopened: take
 * threads, connections and other resources in {@link #open}, not in the constructor.
 * Implement {@link PacketHandler} or {@link AsyncPacketHandler} (or both), not this interface alone.
 */
public interface HandlerLifecycle {

    /**
     * Called once, before the first packet, on a thread of nicsim's (not a consumer's). An exception here fails the
     * run before its traffic starts.
     */
    default void open(HandlerContext context) throws Exception {
    }

    /**
     * Called once, after the last packet was handled or the run gave up on it (a handler still blocked when the
     * run's drain timeout ended: its thread was interrupted and left running, so this is the place to release it),
     * on a thread of nicsim's. An exception here is reported, not rethrown.
     */
    default void close() throws Exception {
    }
}
