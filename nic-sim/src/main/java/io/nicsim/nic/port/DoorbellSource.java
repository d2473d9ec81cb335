package io.nicsim.nic.port;

import io.nicsim.nic.record.DoorbellRecord;

/**
 * The device's doorbell register, read in order: the doorbell queue (Chronicle) when the host is real, memory when
 * it is a model. A doorbell's {@code writtenNanos} is when the host rang it; the device places it in model time there,
 * or at its own model time if it had already passed that (docs/semantics.md#device-time). One thread (the device's).
 */
public interface DoorbellSource extends AutoCloseable {

    /** @return the next doorbell (a flyweight, valid until the next call), or null if none is visible */
    DoorbellRecord poll();

    @Override
    void close();
}
