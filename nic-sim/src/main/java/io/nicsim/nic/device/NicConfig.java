package io.nicsim.nic.device;

import io.nicsim.nic.record.RecordFormat;

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
 * @param writeBackDescriptors descriptors the NIC writes back to the host in one burst (1 = each as its DMA
 *                        completes): a burst is written back when full, when its timer expires, and before an
 *                        interrupt that covers it (docs/semantics.md#descriptor-write-back)
 * @param writeBackNanos  the write-back timer: a burst not full is written back this long after its first
 *                        descriptor's DMA completed
 */
public record NicConfig(double linkGbps, long dmaNanos, int dmaPicosPerByte, int queues, int ringSlots,
                        int writeBackDescriptors, long writeBackNanos) {

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

    /** Default descriptors per write-back burst: 1, each descriptor written back as its DMA completes (as before). */
    public static final int DEFAULT_WRITE_BACK_DESCRIPTORS = 1;

    /**
     * Default write-back timer: 2 us. On Intel NICs the timer that flushes a partial burst is the interrupt throttle
     * timer (82598/82599: descriptors are written back when the ITR expires; i40e's WB_ON_ITR), whose registers count
     * in 2 us steps; one step is the shortest such a NIC waits, so a burst that does not fill adds at most 2 us.
     */
    public static final long DEFAULT_WRITE_BACK_NANOS = 2_000;

    /** These timings and ring, descriptors written back one by one. */
    public NicConfig(double linkGbps, long dmaNanos, int dmaPicosPerByte, int queues, int ringSlots) {
        this(linkGbps, dmaNanos, dmaPicosPerByte, queues, ringSlots, DEFAULT_WRITE_BACK_DESCRIPTORS,
                DEFAULT_WRITE_BACK_NANOS);
    }

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
        if (writeBackDescriptors < 1 || writeBackDescriptors > RecordFormat.MAX_BURST_DESCRIPTORS) {
            throw new IllegalArgumentException("nic.writeBackDescriptors must be 1 to "
                    + RecordFormat.MAX_BURST_DESCRIPTORS + ", found " + writeBackDescriptors);
        }
        if (writeBackNanos < 0) {
            throw new IllegalArgumentException("nic.writeBackNanos must be >= 0, found " + writeBackNanos);
        }
    }

    /** @return a copy with descriptors written back in bursts of {@code descriptors}, flushed after {@code nanos} */
    public NicConfig withWriteBack(int descriptors, long nanos) {
        return new NicConfig(linkGbps, dmaNanos, dmaPicosPerByte, queues, ringSlots, descriptors, nanos);
    }

    /** @return whether descriptors wait for a DMA time at all */
    public boolean hasDmaDelay() {
        return dmaNanos > 0 || dmaPicosPerByte > 0;
    }
}
