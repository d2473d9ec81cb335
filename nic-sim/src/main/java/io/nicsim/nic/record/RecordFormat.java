package io.nicsim.nic.record;

/**
 * The device's record formats on Chronicle Queue: fixed binary layouts, little-endian, each opening with a
 * one-byte record type and a one-byte format version. Readers check both and refuse anything else; no class
 * named in the data is ever instantiated.
 *
 * <pre>
 * header      type:u8  version:u8  queue:u16
 * descriptor  packetId:i64 flow:i32 frameBytes:i32 trafficClass:i32 intendedNanos:i64 injectedNanos:i64
 *             detectedNanos:i64 writtenNanos:i64 appendedNanos:i64
 * interrupt   sequence:i64 firstPacketId:i64 lastPacketId:i64 raisedNanos:i64 appendedNanos:i64
 * doorbell    sequence:i64 kind:i32 consumedPacketId:i64 writtenNanos:i64
 * device-status kind:i32 flags:i32 sequence:i64 writtenNanos:i64 trafficStartNanos:i64 trafficEndNanos:i64
 *             generated:i64 injected:i64 descriptorsWritten:i64 interruptsRaised:i64 doorbellsRead:i64
 *             stoppedOnWire:i64 stoppedInMac:i64 hostAttaches:i64 ringFullDrops:i64 diskFreeBytes:i64
 *             diskFloorBytes:i64
 * </pre>
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
     * when the NIC's disk watch stopped the traffic, with the free space it saw and its floor).
     */
    public static final byte VERSION = 4;

    public static final byte TYPE_DESCRIPTOR = 1;
    public static final byte TYPE_INTERRUPT = 2;
    public static final byte TYPE_DOORBELL = 3;
    public static final byte TYPE_DEVICE_STATUS = 4;

    /** Bytes of the common header. */
    public static final int HEADER_BYTES = 4;
    public static final int DESCRIPTOR_BYTES = HEADER_BYTES + 8 + 4 + 4 + 4 + 8 * 5;
    public static final int INTERRUPT_BYTES = HEADER_BYTES + 8 * 5;
    public static final int DOORBELL_BYTES = HEADER_BYTES + 8 + 4 + 8 + 8;
    public static final int DEVICE_STATUS_BYTES = HEADER_BYTES + 4 + 4 + 8 * 15;

    private RecordFormat() {
    }

    static String typeName(byte type) {
        return switch (type) {
            case TYPE_DESCRIPTOR -> "descriptor";
            case TYPE_INTERRUPT -> "interrupt";
            case TYPE_DOORBELL -> "doorbell";
            case TYPE_DEVICE_STATUS -> "device-status";
            default -> "unknown type " + type;
        };
    }
}
