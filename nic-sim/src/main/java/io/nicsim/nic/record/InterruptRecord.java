package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;

/**
 * An interrupt (an MSI-X message) as the device raises it: which vector, its sequence number, the packets it
 * notifies and when it was raised. A reusable flyweight like {@link DescriptorRecord}.
 */
public final class InterruptRecord {

    public int vector;
    public long sequence;
    public long firstPacketId;
    public long lastPacketId;
    /** When the device raised it, in its model time. */
    public long raisedNanos;
    /** When the record was actually appended (appended - raised: the device's lag). */
    public long appendedNanos;

    public static void write(Bytes<?> bytes, int vector, long sequence, long firstPacketId, long lastPacketId,
                             long raisedNanos, long appendedNanos) {
        RecordHeader.write(bytes, RecordFormat.TYPE_INTERRUPT, vector);
        bytes.writeLong(sequence);
        bytes.writeLong(firstPacketId);
        bytes.writeLong(lastPacketId);
        bytes.writeLong(raisedNanos);
        bytes.writeLong(appendedNanos);
    }

    /** @throws RecordFormatException if the bytes are not an interrupt of this format version */
    public InterruptRecord readFrom(Bytes<?> bytes) {
        vector = RecordHeader.read(bytes, RecordFormat.TYPE_INTERRUPT, RecordFormat.INTERRUPT_BYTES);
        sequence = bytes.readLong();
        firstPacketId = bytes.readLong();
        lastPacketId = bytes.readLong();
        raisedNanos = bytes.readLong();
        appendedNanos = bytes.readLong();
        return this;
    }

    @Override
    public String toString() {
        return "interrupt{vector=" + vector + ", sequence=" + sequence + ", packets=" + firstPacketId + ".."
                + lastPacketId + ", raisedNanos=" + raisedNanos + ", appendedNanos=" + appendedNanos + '}';
    }
}
