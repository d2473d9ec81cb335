package io.nicsim.nic.record;

import net.openhft.chronicle.core.UnsafeMemory;

/**
 * An RX descriptor as the device DMAs it: which packet, and the stamps of its way through the device.
 * A reusable flyweight: {@link DescriptorBurst#next} overwrites the fields, so reading allocates nothing.
 */
public final class DescriptorRecord {

    public int queue;
    public long packetId;
    public int flow;
    public int frameBytes;
    /** {@link io.nicsim.nic.traffic.TrafficClasses#LOW} or {@link io.nicsim.nic.traffic.TrafficClasses#HIGH}. */
    public int trafficClass;
    public long intendedNanos;
    public long injectedNanos;
    public long detectedNanos;
    /** When the descriptor's DMA completed, in the device's model time. */
    public long writtenNanos;
    /**
     * When the descriptor was written back, visible to the host, in the device's model time: its write-back burst's
     * stamp ({@code nic.writeBackDescriptors}); {@code writtenNanos} when descriptors are written back one by one.
     */
    public long writtenBackNanos;
    /** When the record (its burst's document) was actually appended (appended - written back: the device's lag). */
    public long appendedNanos;

    /**
     * Encodes a descriptor's own fields, its entry, into {@link RecordFormat#ENTRY_BYTES} bytes of native memory at
     * {@code address}, in the platform's byte order (as Chronicle's own writes): entry {@code i} of a record sits at
     * {@link RecordFormat#entryOffset(int)}, so a record is appended with one copy instead of one checked write per
     * field.
     */
    public static void encodeEntry(long address, long packetId, int flow, int frameBytes, int trafficClass,
                                   long intendedNanos, long injectedNanos, long detectedNanos, long writtenNanos) {
        UnsafeMemory memory = UnsafeMemory.MEMORY;
        memory.writeLong(address, packetId);
        memory.writeInt(address + 8, flow);
        memory.writeInt(address + 12, frameBytes);
        memory.writeInt(address + 16, trafficClass);
        memory.writeLong(address + 20, intendedNanos);
        memory.writeLong(address + 28, injectedNanos);
        memory.writeLong(address + 36, detectedNanos);
        memory.writeLong(address + 44, writtenNanos);
    }

    /** Overwrites the entry's fields from the entry encoded at {@code address} ({@link #encodeEntry}). */
    void decodeEntry(long address) {
        UnsafeMemory memory = UnsafeMemory.MEMORY;
        packetId = memory.readLong(address);
        flow = memory.readInt(address + 8);
        frameBytes = memory.readInt(address + 12);
        trafficClass = memory.readInt(address + 16);
        intendedNanos = memory.readLong(address + 20);
        injectedNanos = memory.readLong(address + 28);
        detectedNanos = memory.readLong(address + 36);
        writtenNanos = memory.readLong(address + 44);
    }

    @Override
    public String toString() {
        return "descriptor{queue=" + queue + ", packetId=" + packetId + ", flow=" + flow + ", frameBytes=" + frameBytes
                + ", trafficClass=" + trafficClass + ", intendedNanos=" + intendedNanos + ", injectedNanos="
                + injectedNanos + ", detectedNanos=" + detectedNanos + ", writtenNanos=" + writtenNanos
                + ", writtenBackNanos=" + writtenBackNanos + ", appendedNanos=" + appendedNanos + '}';
    }
}
