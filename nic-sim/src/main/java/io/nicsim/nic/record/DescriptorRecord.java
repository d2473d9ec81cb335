package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;

/**
 * An RX descriptor as the device DMAs it: which packet, and the stamps of its way through the device.
 * A reusable flyweight: {@link #readFrom(Bytes)} overwrites the fields, so reading allocates nothing.
 */
public final class DescriptorRecord {

    public int queue;
    public long packetId;
    public int flow;
    public int frameBytes;
    public long intendedNanos;
    public long injectedNanos;
    public long detectedNanos;
    public long writtenNanos;

    /**
     * Writes every field but {@code writtenNanos}, which the caller stamps last with {@link #writeWrittenNanos}
     * so that it is as close as possible to the moment the record becomes visible.
     */
    public static void writeHead(Bytes<?> bytes, int queue, long packetId, int flow, int frameBytes,
                                 long intendedNanos, long injectedNanos, long detectedNanos) {
        RecordHeader.write(bytes, RecordFormat.TYPE_DESCRIPTOR, queue);
        bytes.writeLong(packetId);
        bytes.writeInt(flow);
        bytes.writeInt(frameBytes);
        bytes.writeLong(intendedNanos);
        bytes.writeLong(injectedNanos);
        bytes.writeLong(detectedNanos);
    }

    public static void writeWrittenNanos(Bytes<?> bytes, long writtenNanos) {
        bytes.writeLong(writtenNanos);
    }

    /** @throws RecordFormatException if the bytes are not a descriptor of this format version */
    public DescriptorRecord readFrom(Bytes<?> bytes) {
        queue = RecordHeader.read(bytes, RecordFormat.TYPE_DESCRIPTOR, RecordFormat.DESCRIPTOR_BYTES);
        packetId = bytes.readLong();
        flow = bytes.readInt();
        frameBytes = bytes.readInt();
        intendedNanos = bytes.readLong();
        injectedNanos = bytes.readLong();
        detectedNanos = bytes.readLong();
        writtenNanos = bytes.readLong();
        return this;
    }

    @Override
    public String toString() {
        return "descriptor{queue=" + queue + ", packetId=" + packetId + ", flow=" + flow + ", frameBytes=" + frameBytes
                + ", intendedNanos=" + intendedNanos + ", injectedNanos=" + injectedNanos + ", detectedNanos="
                + detectedNanos + ", writtenNanos=" + writtenNanos + '}';
    }
}
