package io.nicsim.nic.record;

/**
 * The device's record formats on Chronicle Queue: fixed binary layouts, little-endian, each opening with a
 * one-byte record type and a one-byte format version. Readers check both and refuse anything else; no class
 * named in the data is ever instantiated.
 *
 * <pre>
 * header      type:u8  version:u8  queue:u16
 * entry       packetId:i64 flow:i32 frameBytes:i32 trafficClass:i32 intendedNanos:i64 injectedNanos:i64
 *             detectedNanos:i64 writtenNanos:i64
 * descriptor  entry writtenBackNanos:i64 appendedNanos:i64
 * descriptor-burst  entry * count  count:i32 writtenBackNanos:i64 appendedNanos:i64      (count 2..256)
 * interrupt   sequence:i64 firstPacketId:i64 lastPacketId:i64 raisedNanos:i64 appendedNanos:i64
 * doorbell    sequence:i64 kind:i32 consumedPacketId:i64 writtenNanos:i64
 * device-status kind:i32 flags:i32 sequence:i64 writtenNanos:i64 trafficStartNanos:i64 trafficEndNanos:i64
 *             generated:i64 injected:i64 descriptorsWritten:i64 interruptsRaised:i64 doorbellsRead:i64
 *             stoppedOnWire:i64 stoppedInMac:i64 hostAttaches:i64 ringFullDrops:i64 diskFreeBytes:i64
 *             diskFloorBytes:i64
 * </pre>
 * A descriptor queue holds descriptors written back one at a time ({@code nic.writeBackDescriptors} 1, the default)
 * and write-back bursts, one document per burst: every descriptor of a burst became visible to the host at once, at
 * {@code writtenBackNanos}, and was appended at once ({@link DescriptorBurst} reads either). The entries keep the
 * per-descriptor layout, so a burst's entry {@code i} starts at {@code 4 + 52 i} as a lone descriptor's does.
 * Descriptors and interrupts travel from the device to the host; doorbells from the host to the device. A
 * descriptor's and an interrupt's stamps are the device's model time (docs/semantics.md#device-time), and
 * {@code appendedNanos} is when the record was actually appended: appended - model is the device's lag.
 * Device-status records ({@link DeviceStatusRecord}) travel from a NIC process to a host process when the two
 * sides run in separate JVMs ({@code nicsim nic}, {@code nicsim host}); one-process runs write none.
 */
public final class RecordFormat {

    /**
     * The version this build writes and reads (2: descriptors carry the packet's traffic class; 3: device stamps are
     * model time, and descriptors and interrupts carry when they were actually appended; 4: device-status records say
     * when the NIC's disk watch stopped the traffic, with the free space it saw and its floor; 5: descriptors carry
     * when they were written back, and a descriptor queue may hold write-back bursts).
     */
    public static final byte VERSION = 5;

    public static final byte TYPE_DESCRIPTOR = 1;
    public static final byte TYPE_INTERRUPT = 2;
    public static final byte TYPE_DOORBELL = 3;
    public static final byte TYPE_DEVICE_STATUS = 4;
    /** Several descriptors written back at once, in one document. */
    public static final byte TYPE_DESCRIPTOR_BURST = 5;

    /** Bytes of the common header. */
    public static final int HEADER_BYTES = 4;
    /** Bytes of one descriptor's own fields (the entry), in a lone descriptor and in a burst alike. */
    public static final int ENTRY_BYTES = 8 + 4 + 4 + 4 + 8 * 4;
    /** Bytes of a lone descriptor: header, entry, written-back and appended stamps. */
    public static final int DESCRIPTOR_BYTES = HEADER_BYTES + ENTRY_BYTES + 8 + 8;
    /** Bytes after a burst's entries: count, written-back and appended stamps. */
    public static final int BURST_TRAILER_BYTES = 4 + 8 + 8;
    /** The most descriptors one write-back burst holds ({@code nic.writeBackDescriptors} at most). */
    public static final int MAX_BURST_DESCRIPTORS = 256;
    public static final int INTERRUPT_BYTES = HEADER_BYTES + 8 * 5;
    public static final int DOORBELL_BYTES = HEADER_BYTES + 8 + 4 + 8 + 8;
    public static final int DEVICE_STATUS_BYTES = HEADER_BYTES + 4 + 4 + 8 * 15;

    private RecordFormat() {
    }

    /** @return the bytes of a burst record of {@code count} descriptors */
    public static int burstBytes(int count) {
        return HEADER_BYTES + count * ENTRY_BYTES + BURST_TRAILER_BYTES;
    }

    /** @return the offset of entry {@code index} in a descriptor or burst record */
    public static int entryOffset(int index) {
        return HEADER_BYTES + index * ENTRY_BYTES;
    }

    static String typeName(byte type) {
        return switch (type) {
            case TYPE_DESCRIPTOR -> "descriptor";
            case TYPE_INTERRUPT -> "interrupt";
            case TYPE_DOORBELL -> "doorbell";
            case TYPE_DEVICE_STATUS -> "device-status";
            case TYPE_DESCRIPTOR_BURST -> "descriptor-burst";
            default -> "unknown type " + type;
        };
    }
}
