package io.nicsim.host.measure;

import net.openhft.chronicle.bytes.Bytes;

/**
 * The host-side stamps of one handled packet, as {@link HostStampJournal} appends them: a fixed little-endian
 * layout opening with a record type and a format version, like the device's records ({@code nic.record}).
 * A reusable flyweight: {@link #readFrom(Bytes)} overwrites the fields, so reading allocates nothing.
 *
 * <pre>
 * header  type:u8 (16)  version:u8 (1)  queue:u16
 * body    packetId:i64 wokenNanos:i64 handledNanos:i64 raisedNanos:i64 deliveredNanos:i64
 * </pre>
 * {@code raisedNanos == deliveredNanos == wokenNanos} marks a packet no interrupt notified (found by polling).
 */
public final class HostStampRecord {

    /** Record type byte, apart from the device's types (1 to 3). */
    public static final byte TYPE = 16;
    /** The format version this build writes and reads. */
    public static final byte VERSION = 1;
    /** Bytes of one record. */
    public static final int BYTES = 4 + 8 * 5;

    public int queue;
    public long packetId;
    public long wokenNanos;
    public long handledNanos;
    public long raisedNanos;
    public long deliveredNanos;

    public static void write(Bytes<?> bytes, int queue, long packetId, long wokenNanos, long handledNanos,
                             long raisedNanos, long deliveredNanos) {
        bytes.writeByte(TYPE);
        bytes.writeByte(VERSION);
        bytes.writeShort((short) queue);
        bytes.writeLong(packetId);
        bytes.writeLong(wokenNanos);
        bytes.writeLong(handledNanos);
        bytes.writeLong(raisedNanos);
        bytes.writeLong(deliveredNanos);
    }

    /** @throws IllegalStateException if the bytes are not a host-stamp record of this format version */
    public HostStampRecord readFrom(Bytes<?> bytes) {
        long remaining = bytes.readRemaining();
        if (remaining != BYTES) {
            throw new IllegalStateException("host-stamp record of " + remaining + " bytes, expected " + BYTES);
        }
        byte type = bytes.readByte();
        byte version = bytes.readByte();
        if (type != TYPE || version != VERSION) {
            throw new IllegalStateException("expected a host-stamp record of type " + TYPE + " version " + VERSION
                    + ", found type " + type + " version " + version);
        }
        queue = bytes.readUnsignedShort();
        packetId = bytes.readLong();
        wokenNanos = bytes.readLong();
        handledNanos = bytes.readLong();
        raisedNanos = bytes.readLong();
        deliveredNanos = bytes.readLong();
        return this;
    }

    /**
     * {@link #handledNanos} of a packet the handler failed ({@code handler-error}): journaled so that packets.csv
     * tells it apart from one never read, not handled.
     */
    public static final long FAILED = Long.MIN_VALUE;

    /** @return whether the handler failed the packet ({@link #FAILED}) rather than handled it */
    public boolean failed() {
        return handledNanos == FAILED;
    }

    /** @return whether an interrupt notified the packet (otherwise the consumer found it by polling) */
    public boolean notified() {
        return raisedNanos != wokenNanos || deliveredNanos != wokenNanos;
    }
}
