package io.nicsim.nic.port;

/**
 * Where the firmware raises interrupts (MSI-X messages): the interrupt queue (Chronicle) when the host is real,
 * memory when it is a model. One thread (the device's); nothing allocated per interrupt.
 */
public interface InterruptSink extends AutoCloseable {

    /**
     * Raises interrupt {@code sequence} on {@code vector} for packets {@code firstPacketId..lastPacketId}, at model
     * time {@code raisedNanos}; the sink adds when it actually happened.
     */
    void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos);

    @Override
    void close();
}
