package io.nicsim.host.measure;

import io.nicsim.nic.record.DescriptorRecord;

/**
 * A packet's stamps as the driver hands it to another thread: its descriptor's fields, the interrupt that
 * notified it ({@code raisedNanos}, {@code deliveredNanos}; the driver's wake-up if none did) and when the
 * driver handed it over. A reusable, mutable holder: nothing allocated per packet.
 */
public final class Packet {

    public long packetId;
    /** The RX queue it arrived on. */
    public int queue;
    public int flow;
    /** The frame's length on the wire. */
    public int frameBytes;
    public int trafficClass;
    public long intendedNanos;
    public long injectedNanos;
    public long detectedNanos;
    public long writtenNanos;
    /** When the device wrote the descriptor's burst back (visible to the host), in model time. */
    public long writtenBackNanos;
    /** When the device actually appended the descriptor (appended - written back: the device's lag). */
    public long appendedNanos;
    public long raisedNanos;
    public long deliveredNanos;
    /** When the driver handed the packet to the thread that handles it. */
    public long dispatchedNanos;

    /** Overwrites every field. */
    public Packet set(DescriptorRecord descriptor, long raisedNanos, long deliveredNanos, long dispatchedNanos) {
        this.packetId = descriptor.packetId;
        this.queue = descriptor.queue;
        this.flow = descriptor.flow;
        this.frameBytes = descriptor.frameBytes;
        this.trafficClass = descriptor.trafficClass;
        this.intendedNanos = descriptor.intendedNanos;
        this.injectedNanos = descriptor.injectedNanos;
        this.detectedNanos = descriptor.detectedNanos;
        this.writtenNanos = descriptor.writtenNanos;
        this.writtenBackNanos = descriptor.writtenBackNanos;
        this.appendedNanos = descriptor.appendedNanos;
        this.raisedNanos = raisedNanos;
        this.deliveredNanos = deliveredNanos;
        this.dispatchedNanos = dispatchedNanos;
        return this;
    }

    /** Overwrites every field with {@code other}'s. */
    public Packet set(Packet other) {
        this.packetId = other.packetId;
        this.queue = other.queue;
        this.flow = other.flow;
        this.frameBytes = other.frameBytes;
        this.trafficClass = other.trafficClass;
        this.intendedNanos = other.intendedNanos;
        this.injectedNanos = other.injectedNanos;
        this.detectedNanos = other.detectedNanos;
        this.writtenNanos = other.writtenNanos;
        this.writtenBackNanos = other.writtenBackNanos;
        this.appendedNanos = other.appendedNanos;
        this.raisedNanos = other.raisedNanos;
        this.deliveredNanos = other.deliveredNanos;
        this.dispatchedNanos = other.dispatchedNanos;
        return this;
    }

    /**
     * @return when the handling thread could first act on the packet: the wake-up that let it see the packet, or
     *         {@code readNanos} if it was handed over after that wake-up, while the thread was already running
     */
    public long wokenAt(long wokenNanos, long readNanos) {
        return dispatchedNanos <= wokenNanos ? wokenNanos : readNanos;
    }
}
