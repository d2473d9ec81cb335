package io.nicsim.host.rx;

/**
 * How the driver gives ring slots back to the device: a refill doorbell every {@code every} packets consumed
 * (0 = never: an unlimited ring), carrying the queue's running total of slots returned, which starts at
 * {@code consumedBefore} (packets an earlier host process consumed from the queue, for a host that resumes).
 */
public record RingReturn(int every, long consumedBefore) {

    /** An unlimited ring: nothing to return. */
    public static final RingReturn NONE = new RingReturn(0, 0);

    public RingReturn {
        if (every < 0 || consumedBefore < 0) {
            throw new IllegalArgumentException("every and consumedBefore must be >= 0, got " + every + ", "
                    + consumedBefore);
        }
    }
}
