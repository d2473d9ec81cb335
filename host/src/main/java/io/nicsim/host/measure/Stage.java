package io.nicsim.host.measure;

/**
 * The stages a packet's latency splits into, from its actual injection to the end of its handler; they add up
 * to {@code handled - injected}. Where a stage does not apply (a packet found by polling has no interrupt to
 * deliver), it is 0 and the time shows in {@link #HOLD} (waiting in the ring until someone looked).
 */
public enum Stage {
    /** detected - injected: waiting for the firmware's MAC poll. */
    DETECT("detect"),
    /** written - detected: the descriptor DMA (the Chronicle append). */
    DMA("dma"),
    /**
     * written back - written: waiting in the NIC's write-back burst until the burst became visible to the host (0
     * with {@code nic.writeBackDescriptors} 1, the default).
     */
    WRITE_BACK("writeBack"),
    /**
     * raised - written back (or woken - written back when found by polling): moderation and waiting in the ring.
     */
    HOLD("hold"),
    /** delivered - raised: the interrupt's way to the host's interrupt path. */
    DELIVER("deliver"),
    /** woken - delivered: waking the consumer. */
    WAKE("wake"),
    /** handled - woken: the handler, and the packets before it in the same poll. */
    HANDLE("handle");

    private final String key;

    Stage(String key) {
        this.key = key;
    }

    /** @return the name in summary.json */
    public String key() {
        return key;
    }
}
