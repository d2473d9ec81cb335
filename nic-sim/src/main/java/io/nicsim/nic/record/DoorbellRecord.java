package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;

/**
 * A doorbell the host driver rings to tell the device something, as a driver writes a device register:
 * re-arm (unmask) the queue's interrupt, or disarm (mask) it, carrying the last packet the host consumed so the
 * device can tell whether completions arrived that nobody will be told about (the missed-IRQ rule); or refill
 * (return ring slots).
 * A reusable flyweight like {@link DescriptorRecord}.
 */
public final class DoorbellRecord {

    /** Unmask the interrupt. */
    public static final int REARM = 1;
    /** Mask the interrupt. */
    public static final int DISARM = 2;
    /**
     * Ring slots returned: the host refilled the descriptors it consumed, as a driver writes the RX tail register
     * after allocating buffers; {@code consumedPacketId} then carries the queue's running total of slots returned.
     */
    public static final int REFILL = 3;

    public int queue;
    public long sequence;
    public int kind;
    public long consumedPacketId;
    public long writtenNanos;

    public static void write(Bytes<?> bytes, int queue, long sequence, int kind, long consumedPacketId, long writtenNanos) {
        RecordHeader.write(bytes, RecordFormat.TYPE_DOORBELL, queue);
        bytes.writeLong(sequence);
        bytes.writeInt(kind);
        bytes.writeLong(consumedPacketId);
        bytes.writeLong(writtenNanos);
    }

    /** @throws RecordFormatException if the bytes are not a doorbell of this format version */
    public DoorbellRecord readFrom(Bytes<?> bytes) {
        queue = RecordHeader.read(bytes, RecordFormat.TYPE_DOORBELL, RecordFormat.DOORBELL_BYTES);
        sequence = bytes.readLong();
        kind = bytes.readInt();
        consumedPacketId = bytes.readLong();
        writtenNanos = bytes.readLong();
        if (kind != REARM && kind != DISARM && kind != REFILL) {
            throw new RecordFormatException("doorbell of unknown kind " + kind);
        }
        return this;
    }

    public static String kindName(int kind) {
        return kind == REARM ? "rearm" : kind == DISARM ? "disarm" : kind == REFILL ? "refill" : "unknown";
    }

    @Override
    public String toString() {
        return "doorbell{queue=" + queue + ", sequence=" + sequence + ", kind=" + kindName(kind)
                + ", consumedPacketId=" + consumedPacketId + ", writtenNanos=" + writtenNanos + '}';
    }
}
