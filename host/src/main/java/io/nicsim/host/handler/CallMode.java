package io.nicsim.host.handler;

/**
 * How a consumer's threads may call a handler and wait for it, which decides which of its interfaces is called
 * (the rules of {@link io.nicsim.handler.AsyncPacketHandler}'s and {@link io.nicsim.handler.PacketHandler}'s
 * Javadoc).
 */
public enum CallMode {
    /**
     * A thread that never sleeps (the busy-poll baseline): calls {@code PacketHandler.handle}; an async-only handler
     * is called and its completion spun for.
     */
    SPIN("spin", false),
    /**
     * Platform or virtual threads that may block: calls {@code PacketHandler.handle}; an async-only handler is called
     * and its completion parked for.
     */
    PARK("park", false),
    /**
     * An event loop, which must never wait: calls {@code AsyncPacketHandler.handle} and handles other packets until
     * the completion comes; a sync-only handler runs inline on the loop, holding up every packet behind it.
     */
    LOOP("loop", true),
    /**
     * A Vert.x verticle on virtual threads: an async handler is awaited ({@code Future.await}: the verticle's other
     * packets run meanwhile); a sync-only handler is called directly and may block (the verticle waits with it).
     */
    VERTICLE("park", false);

    private final String waitsBy;
    private final boolean onEventLoop;

    CallMode(String waitsBy, boolean onEventLoop) {
        this.waitsBy = waitsBy;
        this.onEventLoop = onEventLoop;
    }

    /** @return {@link io.nicsim.handler.HandlerContext#waitsBy()}: {@code spin}, {@code park} or {@code loop} */
    public String waitsBy() {
        return waitsBy;
    }

    /**
     * @param sync  whether the handler implements {@code PacketHandler}
     * @param async whether it implements {@code AsyncPacketHandler}
     * @return whether this mode calls the handler's async interface: loops and verticles whenever it has one,
     *         threads only when it has no other
     */
    public boolean callsAsync(boolean sync, boolean async) {
        return this == LOOP || this == VERTICLE ? async : !sync;
    }

    /** @return {@link io.nicsim.handler.HandlerContext#onEventLoop()} */
    public boolean onEventLoop() {
        return onEventLoop;
    }
}
