package io.nicsim.nic.port;

/**
 * Where the firmware's descriptor DMAs go: the descriptor queue (Chronicle) when the host is real, memory when the
 * host is a model in virtual time. Descriptors are written back in bursts, as a NIC writes completed descriptors back
 * to host memory ({@code nic.writeBackDescriptors}, docs/semantics.md#descriptor-write-back): {@link #add} puts a
 * completed descriptor in the open burst, invisible to the host, and {@link #writeBack} makes the whole burst visible
 * at once. The firmware decides when (full, timer, before an interrupt); a sink only holds and publishes. One thread
 * (the device's); nothing allocated per descriptor or burst.
 */
public interface DescriptorSink extends AutoCloseable {

    /**
     * Adds one completed descriptor to the open write-back burst (not visible to the host until {@link #writeBack}).
     * Every stamp is model time: when the packet was due ({@code intendedNanos}), arrived at the MAC
     * ({@code injectedNanos}), was seen by the firmware's MAC poll ({@code detectedNanos}) and its DMA completed
     * ({@code writtenNanos}).
     */
    void add(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
             long injectedNanos, long detectedNanos, long writtenNanos);

    /**
     * Writes the open burst back: every descriptor added since the last write-back becomes visible to the host at once,
     * at model time {@code writtenBackNanos}. The sink adds when it actually happened. Nothing happens when the burst
     * is empty.
     */
    void writeBack(long writtenBackNanos);

    /** Prepares for the next write while the device is idle (a page fault taken now); @return whether it did */
    default boolean touchAhead() {
        return false;
    }

    @Override
    void close();
}
