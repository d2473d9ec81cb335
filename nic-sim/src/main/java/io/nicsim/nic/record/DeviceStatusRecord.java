package io.nicsim.nic.record;

import net.openhft.chronicle.bytes.Bytes;

/**
 * The NIC process's report to a host process when device and host run in separate JVMs ({@code nicsim nic},
 * {@code nicsim host}), in the {@code device-status} queue: as a real NIC exposes its state in status registers
 * and statistics counters. A run's status queue reads
 * {@code START, HEARTBEAT..., TRAFFIC_END, HEARTBEAT..., END}:
 * <ul>
 *   <li>{@link #START}: the traffic schedule's time zero ({@code trafficStartNanos}), chosen when the first host
 *       attached;</li>
 *   <li>{@link #HEARTBEAT}: every few milliseconds, with the running counts; a host that sees none for
 *       {@code run.stallTimeout} reports the NIC stalled;</li>
 *   <li>{@link #TRAFFIC_END}: no packet will arrive any more, and every injected packet's descriptor is written:
 *       {@code generated}, {@code injected} and {@code descriptorsWritten} are final;</li>
 *   <li>{@link #END}: the device stopped; every count is final.</li>
 * </ul>
 * Every record carries every count as it stood when it was written; times are {@code System.nanoTime()} of the
 * NIC process, which on one machine is the host process's clock too (Linux {@code CLOCK_MONOTONIC}).
 *
 * <p>A reusable flyweight like {@link DescriptorRecord}; written a hundred times a second, not per packet.
 */
public final class DeviceStatusRecord {

    /** The traffic schedule's time zero is set. */
    public static final int START = 1;
    /** The device is alive; running counts. */
    public static final int HEARTBEAT = 2;
    /** The traffic ended and the MAC is empty: generated, injected and descriptors written are final. */
    public static final int TRAFFIC_END = 3;
    /** The device stopped: every count is final. */
    public static final int END = 4;

    /** Flag: the traffic was stopped early (Ctrl-C or SIGTERM on the NIC process). */
    public static final int FLAG_STOPPED_EARLY = 1;
    /** Flag: the device thread failed; the NIC process's stderr says why. */
    public static final int FLAG_DEVICE_FAILED = 2;
    /** Flag (on END): the device stopped because the host rang DONE, not because the drain timeout passed. */
    public static final int FLAG_HOST_DONE = 4;
    /**
     * Flag: the NIC process's disk watch stopped the traffic (the filesystem under its queues fell below the floor);
     * the packets due and not injected ({@link #stoppedOnWire}) are disk-full drops, and {@link #diskFreeBytes},
     * {@link #diskFloorBytes} say what the watch saw.
     */
    public static final int FLAG_DISK_FULL = 8;

    /** Field value before it is known (the traffic's end while it plays). */
    public static final long UNKNOWN = -1;

    public int kind;
    public int flags;
    /** 0, 1, 2, ... in the order the NIC process wrote them. */
    public long sequence;
    public long writtenNanos;
    public long trafficStartNanos = UNKNOWN;
    public long trafficEndNanos = UNKNOWN;
    /** Packets whose arrival time came: injected, plus those due when the traffic stopped early and not injected. */
    public long generated;
    public long injected;
    public long descriptorsWritten;
    public long interruptsRaised;
    /** Register writes (re-arm, disarm) the firmware read; control doorbells (attach, done) are not counted. */
    public long doorbellsRead;
    /** Drops on the device side: due when the traffic stopped early, never injected. */
    public long stoppedOnWire;
    /** Drops on the device side: injected, never written to the ring (the device failed with them in the MAC). */
    public long stoppedInMac;
    /** ATTACH doorbells the NIC process has read: 1 for one host, more after restarts. */
    public long hostAttaches;
    /** Drops on the device side: the packet's RX ring was full. */
    public long ringFullDrops;
    /** With {@link #FLAG_DISK_FULL}: the usable bytes the NIC's watch saw; else {@link #UNKNOWN}. */
    public long diskFreeBytes = UNKNOWN;
    /** With {@link #FLAG_DISK_FULL}: the floor those bytes fell below; else {@link #UNKNOWN}. */
    public long diskFloorBytes = UNKNOWN;

    /** Writes every field in the documented layout ({@link RecordFormat}). */
    public void writeTo(Bytes<?> bytes) {
        RecordHeader.write(bytes, RecordFormat.TYPE_DEVICE_STATUS, 0);
        bytes.writeInt(kind);
        bytes.writeInt(flags);
        bytes.writeLong(sequence);
        bytes.writeLong(writtenNanos);
        bytes.writeLong(trafficStartNanos);
        bytes.writeLong(trafficEndNanos);
        bytes.writeLong(generated);
        bytes.writeLong(injected);
        bytes.writeLong(descriptorsWritten);
        bytes.writeLong(interruptsRaised);
        bytes.writeLong(doorbellsRead);
        bytes.writeLong(stoppedOnWire);
        bytes.writeLong(stoppedInMac);
        bytes.writeLong(hostAttaches);
        bytes.writeLong(ringFullDrops);
        bytes.writeLong(diskFreeBytes);
        bytes.writeLong(diskFloorBytes);
    }

    /** @throws RecordFormatException if the bytes are not a device-status record of this format version */
    public DeviceStatusRecord readFrom(Bytes<?> bytes) {
        RecordHeader.read(bytes, RecordFormat.TYPE_DEVICE_STATUS, RecordFormat.DEVICE_STATUS_BYTES);
        kind = bytes.readInt();
        flags = bytes.readInt();
        sequence = bytes.readLong();
        writtenNanos = bytes.readLong();
        trafficStartNanos = bytes.readLong();
        trafficEndNanos = bytes.readLong();
        generated = bytes.readLong();
        injected = bytes.readLong();
        descriptorsWritten = bytes.readLong();
        interruptsRaised = bytes.readLong();
        doorbellsRead = bytes.readLong();
        stoppedOnWire = bytes.readLong();
        stoppedInMac = bytes.readLong();
        hostAttaches = bytes.readLong();
        ringFullDrops = bytes.readLong();
        diskFreeBytes = bytes.readLong();
        diskFloorBytes = bytes.readLong();
        if (kind < START || kind > END) {
            throw new RecordFormatException("device-status record of unknown kind " + kind);
        }
        return this;
    }

    /** Copies every field of {@code other} (to keep a record past the reader's next poll). */
    public DeviceStatusRecord copyFrom(DeviceStatusRecord other) {
        kind = other.kind;
        flags = other.flags;
        sequence = other.sequence;
        writtenNanos = other.writtenNanos;
        trafficStartNanos = other.trafficStartNanos;
        trafficEndNanos = other.trafficEndNanos;
        generated = other.generated;
        injected = other.injected;
        descriptorsWritten = other.descriptorsWritten;
        interruptsRaised = other.interruptsRaised;
        doorbellsRead = other.doorbellsRead;
        stoppedOnWire = other.stoppedOnWire;
        stoppedInMac = other.stoppedInMac;
        hostAttaches = other.hostAttaches;
        ringFullDrops = other.ringFullDrops;
        diskFreeBytes = other.diskFreeBytes;
        diskFloorBytes = other.diskFloorBytes;
        return this;
    }

    /** @return whether {@code flag} ({@link #FLAG_STOPPED_EARLY}, ...) is set */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public static String kindName(int kind) {
        return switch (kind) {
            case START -> "start";
            case HEARTBEAT -> "heartbeat";
            case TRAFFIC_END -> "traffic-end";
            case END -> "end";
            default -> "unknown";
        };
    }

    @Override
    public String toString() {
        return "device-status{kind=" + kindName(kind) + ", flags=" + flags + ", sequence=" + sequence
                + ", writtenNanos=" + writtenNanos + ", trafficStartNanos=" + trafficStartNanos + ", trafficEndNanos="
                + trafficEndNanos + ", generated=" + generated + ", injected=" + injected + ", descriptorsWritten="
                + descriptorsWritten + ", interruptsRaised=" + interruptsRaised + ", doorbellsRead=" + doorbellsRead
                + ", stoppedOnWire=" + stoppedOnWire + ", stoppedInMac=" + stoppedInMac + ", hostAttaches="
                + hostAttaches + ", diskFreeBytes=" + diskFreeBytes + ", diskFloorBytes=" + diskFloorBytes + '}';
    }
}
