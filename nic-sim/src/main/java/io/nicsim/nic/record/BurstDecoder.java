package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * The host's side of a write-back burst: one descriptor document (a lone descriptor or a descriptor-burst,
 * {@link RecordFormat}) is checked and copied out of the queue once, with one copy, and its descriptors handed out
 * one by one from that copy, each with the burst's written-back and appended stamps. The queue's document can be
 * released at once, and a driver may take a burst's descriptors over several polls. One thread; nothing allocated per
 * descriptor or burst.
 */
public final class BurstDecoder implements AutoCloseable {

    private static final int MOST_BYTES = RecordFormat.burstBytes(RecordFormat.MAX_BURST_DESCRIPTORS);

    private final BytesStore<?, Void> copy = BytesStore.nativeStoreWithFixedCapacity(MOST_BYTES);
    private final long address = copy.addressForWrite(0);
    private int queue;
    private int count;
    private int next;
    private long writtenBackNanos;
    private long appendedNanos;

    /**
     * Copies the document at {@code bytes}' read position, replacing what was left of the last one.
     *
     * @return the descriptors it holds
     * @throws RecordFormatException if the bytes are not a descriptor or burst of this format version
     */
    public int readFrom(Bytes<?> bytes) {
        long position = bytes.readPosition();
        long remaining = bytes.readRemaining();
        if (remaining < RecordFormat.HEADER_BYTES) {
            throw new RecordFormatException("record of " + remaining + " bytes is shorter than the "
                    + RecordFormat.HEADER_BYTES + "-byte header");
        }
        byte type = bytes.readByte(position);
        byte version = bytes.readByte(position + 1);
        if (version != RecordFormat.VERSION) {
            throw new RecordFormatException("record format version " + version + ", this nicsim reads version "
                    + RecordFormat.VERSION);
        }
        int records = switch (type) {
            case RecordFormat.TYPE_DESCRIPTOR -> checkLength(type, remaining, RecordFormat.DESCRIPTOR_BYTES, 1);
            case RecordFormat.TYPE_DESCRIPTOR_BURST -> burstCount(bytes, position, remaining);
            default -> throw new RecordFormatException("expected a descriptor record, found "
                    + RecordFormat.typeName(type));
        };
        bytes.unsafeRead(address, (int) remaining);
        UnsafeMemory memory = UnsafeMemory.MEMORY;
        queue = memory.readShort(address + 2) & 0xFFFF;
        long stamps = address + remaining - 2L * Long.BYTES;
        writtenBackNanos = memory.readLong(stamps);
        appendedNanos = memory.readLong(stamps + Long.BYTES);
        count = records;
        next = 0;
        return records;
    }

    private static int burstCount(Bytes<?> bytes, long position, long remaining) {
        if (remaining < RecordFormat.burstBytes(1) || remaining > MOST_BYTES) {
            throw new RecordFormatException("descriptor-burst record of " + remaining + " bytes, expected "
                    + RecordFormat.burstBytes(1) + " to " + MOST_BYTES);
        }
        int records = bytes.readInt(position + remaining - RecordFormat.BURST_TRAILER_BYTES);
        if (records < 1 || records > RecordFormat.MAX_BURST_DESCRIPTORS) {
            throw new RecordFormatException("descriptor-burst record of " + records + " descriptors, expected 1 to "
                    + RecordFormat.MAX_BURST_DESCRIPTORS);
        }
        return checkLength(RecordFormat.TYPE_DESCRIPTOR_BURST, remaining, RecordFormat.burstBytes(records), records);
    }

    private static int checkLength(byte type, long remaining, int expected, int records) {
        if (remaining != expected) {
            throw new RecordFormatException(RecordFormat.typeName(type) + " record of " + remaining
                    + " bytes, expected " + expected + (records > 1 ? " for " + records + " descriptors" : ""));
        }
        return records;
    }

    /** @return whether descriptors of the last document are left */
    public boolean hasNext() {
        return next < count;
    }

    /** @return descriptors of the last document not yet handed out */
    public int remaining() {
        return count - next;
    }

    /**
     * Overwrites {@code into} with the next descriptor of the last document.
     *
     * @return {@code into}
     * @throws IllegalStateException if none is left
     */
    public DescriptorRecord next(DescriptorRecord into) {
        if (next >= count) {
            throw new IllegalStateException("no descriptor left in the burst");
        }
        into.decodeEntry(address + RecordFormat.entryOffset(next++));
        into.queue = queue;
        into.writtenBackNanos = writtenBackNanos;
        into.appendedNanos = appendedNanos;
        return into;
    }

    @Override
    public void close() {
        copy.releaseLast();
    }
}
