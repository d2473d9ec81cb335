package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.UnsafeMemory;

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

    /** Offset of {@code appendedNanos}, the last field, in an encoded interrupt. */
    static final int APPENDED_NANOS_OFFSET = RecordFormat.INTERRUPT_BYTES - Long.BYTES;

    /**
     * Encodes every field but {@code appendedNanos} into {@link RecordFormat#INTERRUPT_BYTES} bytes of native memory
     * at {@code address}, in the layout of {@link #write} (the platform's byte order, as Chronicle's own writes), so
     * that a writer appends the record with one copy instead of one checked write per field.
     */
    public static void encodeHead(long address, int vector, long sequence, long firstPacketId, long lastPacketId,
                                  long raisedNanos) {
        UnsafeMemory memory = UnsafeMemory.MEMORY;
        RecordHeader.encode(address, RecordFormat.TYPE_INTERRUPT, vector);
        memory.writeLong(address + 4, sequence);
        memory.writeLong(address + 12, firstPacketId);
        memory.writeLong(address + 20, lastPacketId);
        memory.writeLong(address + 28, raisedNanos);
    }

    /** Encodes {@code appendedNanos} into an interrupt encoded by {@link #encodeHead}. */
    public static void encodeAppendedNanos(long address, long appendedNanos) {
        UnsafeMemory.MEMORY.writeLong(address + APPENDED_NANOS_OFFSET, appendedNanos);
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
