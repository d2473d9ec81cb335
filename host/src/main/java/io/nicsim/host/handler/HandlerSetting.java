package io.nicsim.host.handler;

/**
 * Where a run's handler is called: what {@link io.nicsim.handler.HandlerContext} tells it, and how the consumer calls
 * it ({@link CallMode}).
 *
 * @param consumer the consumer's name as in scenario files
 * @param mode     how its threads call and wait
 * @param threads  the most threads (or loop slots) that may be in the handler at once
 * @param queues   the device's RX queues
 */
public record HandlerSetting(String consumer, CallMode mode, int threads, int queues) {

    public HandlerSetting {
        if (threads < 1 || queues < 1) {
            throw new IllegalArgumentException("threads and queues must be >= 1, got " + threads + ", " + queues);
        }
    }
}
