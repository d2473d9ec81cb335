package io.nicsim.nic.port;

/**
 * Where the firmware's descriptor DMAs go: the descriptor queue (Chronicle) when the host is real, memory when the
 * host is a model in virtual time. One thread (the device's); nothing allocated per descriptor.
 */
public interface DescriptorSink extends AutoCloseable {

    /**
     * Makes one descriptor visible to the host. Every stamp is model time: when the packet was due
     * ({@code intendedNanos}), arrived at the MAC ({@code injectedNanos}), was seen by the firmware's MAC poll
     * ({@code detectedNanos}) and its DMA completed ({@code writtenNanos}). The sink adds when it actually happened.
     */
    void write(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
               long injectedNanos, long detectedNanos, long writtenNanos);

    /** Prepares for the next write while the device is idle (a page fault taken now); @return whether it did */
    default boolean touchAhead() {
        return false;
    }

    @Override
    void close();
}
