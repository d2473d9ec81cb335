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
    /**
     * A host process attached to the device's queues (two-process mode): the NIC process starts its traffic on
     * the first one. A control message, not a register write: the firmware ignores it, the NIC process's control
     * loop reads it. Control kinds are numbered from 8 up, register writes below.
     */
    public static final int ATTACH = 8;
    /**
     * The host process drained the ring and stopped (two-process mode): the NIC process may end. A control
     * message, like {@link #ATTACH}.
     */
    public static final int DONE = 9;

    public int queue;
    public long sequence;
    public int kind;
    public long consumedPacketId;
    public long writtenNanos;

    public static void write(Bytes<?> bytes, int queue, long sequence, int kind, long consumedPacketId,
            long writtenNanos) {
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
        if (kind != REARM && kind != DISARM && kind != REFILL && !isControl(kind)) {
            throw new RecordFormatException("doorbell of unknown kind " + kind);
        }
        return this;
    }

    public static String kindName(int kind) {
        return switch (kind) {
            case REARM -> "rearm";
            case DISARM -> "disarm";
            case REFILL -> "refill";
            case ATTACH -> "attach";
            case DONE -> "done";
            default -> "unknown";
        };
    }

    /**
     * @return whether the kind is a control message between a host and a NIC process (attach, done), which the
     *         firmware ignores, rather than a register write
     */
    public static boolean isControl(int kind) {
        return kind == ATTACH || kind == DONE;
    }

    @Override
    public String toString() {
        return "doorbell{queue=" + queue + ", sequence=" + sequence + ", kind=" + kindName(kind)
                + ", consumedPacketId=" + consumedPacketId + ", writtenNanos=" + writtenNanos + '}';
    }
}
