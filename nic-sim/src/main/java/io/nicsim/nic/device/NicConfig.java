package io.nicsim.nic.device;

/**
 * The NIC's physical timings (docs/semantics.md#wire).
 *
 * @param linkGbps        link speed in Gbit/s: each frame takes {@code (bytes + 20) * 8 / linkGbps} ns on the wire,
 *                        never faster than line rate; 0 = unlimited (frames arrive at their intended time)
 * @param dmaNanos        fixed time from the firmware detecting a packet to its descriptor being visible to the host
 * @param dmaPicosPerByte time per frame byte on top of {@code dmaNanos}, in picoseconds
 * @param queues          RX queues, each with its own descriptor ring, interrupt vector and policy instance; flows
 *                        are spread over them by RSS
 * @param ringSlots       descriptors per RX ring (0 = unlimited): a packet finding its ring full is dropped
 */
public record NicConfig(double linkGbps, long dmaNanos, int dmaPicosPerByte, int queues, int ringSlots) {

    /**
     * Default descriptors per ring: unlimited (0). A finite ring is a study of its own ({@code nic.ringSlots}, e.g.
     * 512-4,096 as drivers allow): measured here, even a 4,096-slot ring overflows at the default 200k packets per
     * second while the JIT compiles during the warm-up (a stall of 70 ms on a 2-core VM), so a finite default would
     * make the default study about the JVM's start rather than about wake-ups.
     */
    public static final int DEFAULT_RING_SLOTS = 0;

    /**
     * Defaults: an unlimited link and no DMA delay, the model before these timings existed. At 64 bytes even
     * 100 Gbit/s adds 6.7 ns per frame, below what the device loop resolves, so a link speed is opt-in for studies
     * of line rate and large frames; a DMA delay shifts every figure by a constant, so it is opt-in too.
     */
    public static final NicConfig DEFAULTS = new NicConfig(0, 0, 0, 1, DEFAULT_RING_SLOTS);

    /** One RX queue with the default ring and these timings. */
    public NicConfig(double linkGbps, long dmaNanos, int dmaPicosPerByte) {
        this(linkGbps, dmaNanos, dmaPicosPerByte, 1, DEFAULT_RING_SLOTS);
    }

    /** @throws IllegalArgumentException naming the key */
    public NicConfig {
        if (!(linkGbps >= 0) || Double.isInfinite(linkGbps)) {
            throw new IllegalArgumentException("nic.linkGbps must be a number >= 0, found " + linkGbps);
        }
        if (dmaNanos < 0) {
            throw new IllegalArgumentException("nic.dmaNanos must be >= 0, found " + dmaNanos);
        }
        if (dmaPicosPerByte < 0) {
            throw new IllegalArgumentException("nic.dmaPicosPerByte must be >= 0, found " + dmaPicosPerByte);
        }
        if (queues < 1) {
            throw new IllegalArgumentException("nic.queues must be >= 1, found " + queues);
        }
        if (ringSlots < 0) {
            throw new IllegalArgumentException("nic.ringSlots must be >= 0, found " + ringSlots);
        }
    }

    /** @return whether descriptors wait for a DMA time at all */
    public boolean hasDmaDelay() {
        return dmaNanos > 0 || dmaPicosPerByte > 0;
    }
}
