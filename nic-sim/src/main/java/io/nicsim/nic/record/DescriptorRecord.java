package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * An RX descriptor as the device DMAs it: which packet, and the stamps of its way through the device.
 * A reusable flyweight: {@link #readFrom(Bytes)} overwrites the fields, so reading allocates nothing.
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
    /** When the record was actually appended (appended - written: the device's lag). */
    public long appendedNanos;

    /**
     * Writes every field but {@code appendedNanos}, which the caller stamps last with {@link #writeAppendedNanos}
     * so that it is as close as possible to the moment the record becomes visible.
     */
    public static void writeHead(Bytes<?> bytes, int queue, long packetId, int flow, int frameBytes, int trafficClass,
                                 long intendedNanos, long injectedNanos, long detectedNanos, long writtenNanos) {
        RecordHeader.write(bytes, RecordFormat.TYPE_DESCRIPTOR, queue);
        bytes.writeLong(packetId);
        bytes.writeInt(flow);
        bytes.writeInt(frameBytes);
        bytes.writeInt(trafficClass);
        bytes.writeLong(intendedNanos);
        bytes.writeLong(injectedNanos);
        bytes.writeLong(detectedNanos);
        bytes.writeLong(writtenNanos);
    }

    public static void writeAppendedNanos(Bytes<?> bytes, long appendedNanos) {
        bytes.writeLong(appendedNanos);
    }

    /** Offset of {@code appendedNanos}, the last field, in an encoded descriptor. */
    static final int APPENDED_NANOS_OFFSET = RecordFormat.DESCRIPTOR_BYTES - Long.BYTES;

    /**
     * Encodes every field but {@code appendedNanos} into {@link RecordFormat#DESCRIPTOR_BYTES} bytes of native
     * memory at {@code address}, in the layout of {@link #writeHead} (the platform's byte order, as Chronicle's
     * own writes); with {@link #encodeAppendedNanos} the bytes can be appended with one copy instead of one checked
     * write per field.
     */
    public static void encodeHead(long address, int queue, long packetId, int flow, int frameBytes, int trafficClass,
                                  long intendedNanos, long injectedNanos, long detectedNanos, long writtenNanos) {
        UnsafeMemory memory = UnsafeMemory.MEMORY;
        RecordHeader.encode(address, RecordFormat.TYPE_DESCRIPTOR, queue);
        memory.writeLong(address + 4, packetId);
        memory.writeInt(address + 12, flow);
        memory.writeInt(address + 16, frameBytes);
        memory.writeInt(address + 20, trafficClass);
        memory.writeLong(address + 24, intendedNanos);
        memory.writeLong(address + 32, injectedNanos);
        memory.writeLong(address + 40, detectedNanos);
        memory.writeLong(address + 48, writtenNanos);
    }

    /** Encodes {@code appendedNanos} into a descriptor encoded by {@link #encodeHead}. */
    public static void encodeAppendedNanos(long address, long appendedNanos) {
        UnsafeMemory.MEMORY.writeLong(address + APPENDED_NANOS_OFFSET, appendedNanos);
    }

    /** @throws RecordFormatException if the bytes are not a descriptor of this format version */
    public DescriptorRecord readFrom(Bytes<?> bytes) {
        queue = RecordHeader.read(bytes, RecordFormat.TYPE_DESCRIPTOR, RecordFormat.DESCRIPTOR_BYTES);
        packetId = bytes.readLong();
        flow = bytes.readInt();
        frameBytes = bytes.readInt();
        trafficClass = bytes.readInt();
        intendedNanos = bytes.readLong();
        injectedNanos = bytes.readLong();
        detectedNanos = bytes.readLong();
        writtenNanos = bytes.readLong();
        appendedNanos = bytes.readLong();
        return this;
    }

    @Override
    public String toString() {
        return "descriptor{queue=" + queue + ", packetId=" + packetId + ", flow=" + flow + ", frameBytes=" + frameBytes
                + ", trafficClass=" + trafficClass + ", intendedNanos=" + intendedNanos + ", injectedNanos="
                + injectedNanos + ", detectedNanos=" + detectedNanos + ", writtenNanos=" + writtenNanos
                        + ", appendedNanos="
                + appendedNanos + '}';
    }
}
