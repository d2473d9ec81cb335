package io.nicsim.host.rx;

import io.nicsim.nic.record.DescriptorRecord;

/**
 * Where the driver puts each packet it reads from the ring: handled on the spot ({@link InlineDelivery}) or
 * handed to the application's threads (a socket per flow, a pool's queue, an event loop's task queue). Called on
 * the driver's thread, once per packet, in ring order; must not keep {@code descriptor} (a flyweight).
 */
public interface PacketDelivery {

    /**
     * @param wokenNanos     when the driver could first act on the packet
     * @param raisedNanos    when the interrupt that notified it was raised ({@code wokenNanos} if none did)
     * @param deliveredNanos when that interrupt reached the host ({@code wokenNanos} if none did)
     */
    void deliver(DescriptorRecord descriptor, long wokenNanos, long raisedNanos, long deliveredNanos);
}
