package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.UnsafeMemory;

/** Writes and checks the common header of every record. */
final class RecordHeader {

    private RecordHeader() {
    }

    static void write(Bytes<?> bytes, byte type, int queue) {
        bytes.writeByte(type);
        bytes.writeByte(RecordFormat.VERSION);
        bytes.writeShort((short) queue);
    }

    /** Encodes the header at a native address, in the layout {@link #write} writes. */
    static void encode(long address, byte type, int queue) {
        UnsafeMemory memory = UnsafeMemory.MEMORY;
        memory.writeByte(address, type);
        memory.writeByte(address + 1, RecordFormat.VERSION);
        memory.writeShort(address + 2, (short) queue);
    }

    /** Reads the header and checks type, version and length; returns the queue number. */
    static int read(Bytes<?> bytes, byte expectedType, int expectedBytes) {
        long remaining = bytes.readRemaining();
        if (remaining < RecordFormat.HEADER_BYTES) {
            throw new RecordFormatException("record of " + remaining + " bytes is shorter than the "
                    + RecordFormat.HEADER_BYTES + "-byte header");
        }
        byte type = bytes.readByte();
        byte version = bytes.readByte();
        int queue = bytes.readUnsignedShort();
        if (version != RecordFormat.VERSION) {
            throw new RecordFormatException("record format version " + version + ", this nicsim reads version "
                    + RecordFormat.VERSION);
        }
        if (type != expectedType) {
            throw new RecordFormatException("expected a " + RecordFormat.typeName(expectedType) + " record, found "
                    + RecordFormat.typeName(type));
        }
        if (remaining != expectedBytes) {
            throw new RecordFormatException(RecordFormat.typeName(type) + " record of " + remaining
                    + " bytes, expected " + expectedBytes);
        }
        return queue;
    }
}
