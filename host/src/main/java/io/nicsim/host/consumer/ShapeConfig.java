package io.nicsim.host.consumer;

/**
 * How a consumer shape that hands packets to other threads is sized.
 *
 * @param workers     threads of a pool, event loops, or virtual-thread verticles (at least 1)
 * @param socketSlots packets each application buffer (a flow's socket, a loop's queue) holds before the
 *                    driver drops with {@code socket-full}
 * @param flows       flows of the traffic: a thread per flow has this many threads
 */
public record ShapeConfig(int workers, int socketSlots, int flows) {

    /** One worker, 1,024 slots, one flow. */
    public static final ShapeConfig DEFAULTS = new ShapeConfig(1, 1024, 1);

    public ShapeConfig {
        if (workers < 1 || socketSlots < 1 || flows < 1) {
            throw new IllegalArgumentException("workers, socketSlots and flows must be >= 1, got " + workers + ", "
                    + socketSlots + ", " + flows);
        }
    }
}
