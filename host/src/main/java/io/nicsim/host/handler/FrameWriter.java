package io.nicsim.host.handler;

import io.nicsim.nic.traffic.FlowTuples;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a packet's frame as the wire carried it, for {@link io.nicsim.handler.Packet#bytes()}: an Ethernet II header
 * (locally administered MACs), an IPv4 header (DSCP EF for high-priority traffic, header checksum filled in) and a
 * UDP or TCP header with the flow's 5-tuple ({@link FlowTuples}), then the payload: the packet id (big-endian) and
 * zeros (UDP and TCP checksums 0). A frame without IPv4 ({@link FlowTuples#NOT_IPV4}) gets the local experimental
 * EtherType 0x88B5 and the id right after the Ethernet header. One buffer per writer, grown when a larger frame comes
 * and reused for every packet: nothing allocated per packet. One thread at a time. Used by the consumers' packet view
 * ({@link HandlerPacket}) and by the virtual-time handler probe.
 */
public final class FrameWriter {

    /** The most of a frame {@link io.nicsim.handler.Packet#bytes()} shows. */
    public static final int MAX_BYTES = 16 * 1024;
    static final int ETHERNET_BYTES = 14;
    static final int IPV4_BYTES = 20;
    static final int UDP_BYTES = 8;
    static final int TCP_BYTES = 20;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_EXPERIMENTAL = 0x88B5;
    private static final int DSCP_EF = 46 << 2;
    private static final int MIN_CAPACITY = 128;

    private final FlowTuples tuples;
    private ByteBuffer backing;
    private ByteBuffer readOnly;
    /** Bytes past the payload's id that hold something other than zero (an earlier frame's longer headers). */
    private int dirtyEnd;
    private long ownAllocatedBytes;

    /** @param tuples the 5-tuple of each flow */
    public FrameWriter(FlowTuples tuples) {
        this.tuples = tuples;
    }

    /**
     * @return the frame in a read-only, big-endian buffer: position 0, limit the frame's bytes (at most
     *         {@value #MAX_BYTES})
     */
    public ByteBuffer write(long packetId, int flow, int trafficClass, int frameBytes) {
        int length = Math.min(Math.max(frameBytes, 0), MAX_BYTES);
        ensure(length);
        int protocol = protocol(flow);
        int payload;
        if (protocol == FlowTuples.NOT_IPV4) {
            ethernet(ETHERTYPE_EXPERIMENTAL);
            payload = ETHERNET_BYTES;
        } else {
            ethernet(ETHERTYPE_IPV4);
            ipv4(packetId, flow, trafficClass, frameBytes, protocol);
            payload = transport(packetId, flow, frameBytes, protocol);
        }
        backing.putLong(payload, packetId);
        for (int i = payload + Long.BYTES; i < dirtyEnd; i++) {
            backing.put(i, (byte) 0);
        }
        dirtyEnd = payload + Long.BYTES;
        readOnly.clear().limit(length);
        return readOnly;
    }

    /** @return the view last written, reset to position 0 */
    public ByteBuffer last() {
        return readOnly.position(0);
    }

    /** @return bytes this writer allocated for its buffers (once, and per growth): not the handler's allocation */
    long ownAllocatedBytes() {
        return ownAllocatedBytes;
    }

    private void ensure(int length) {
        if (backing == null || backing.capacity() < length) {
            Thread metered = ThreadMeter.meteredThread();
            long before = ThreadMeter.allocatedBytes(metered);
            int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, length - 1)) << 1);
            backing = ByteBuffer.allocate(capacity).order(ByteOrder.BIG_ENDIAN);
            readOnly = backing.asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
            dirtyEnd = 0;
            long after = ThreadMeter.allocatedBytes(metered);
            ownAllocatedBytes += before >= 0 && after >= before ? after - before : 0;
        }
    }

    private void ethernet(int etherType) {
        backing.putInt(0, 0x0200_0000).putShort(4, (short) 0x0001); // destination 02:00:00:00:00:01 (the host)
        backing.putInt(6, 0x0200_0000).putShort(10, (short) 0x0002); // source 02:00:00:00:00:02 (the wire)
        backing.putShort(12, (short) etherType);
    }

    private void ipv4(long packetId, int flow, int trafficClass, int frameBytes, int protocol) {
        int at = ETHERNET_BYTES;
        backing.put(at, (byte) 0x45);
        backing.put(at + 1, (byte) (trafficClass == io.nicsim.handler.Packet.HIGH ? DSCP_EF : 0));
        backing.putShort(at + 2, (short) Math.min(Math.max(frameBytes - ETHERNET_BYTES, IPV4_BYTES), 0xFFFF));
        backing.putShort(at + 4, (short) packetId);
        backing.putShort(at + 6, (short) 0x4000); // don't fragment
        backing.put(at + 8, (byte) 64);
        backing.put(at + 9, (byte) protocol);
        backing.putShort(at + 10, (short) 0);
        backing.putInt(at + 12, lookup(flow, Field.SOURCE_IP));
        backing.putInt(at + 16, lookup(flow, Field.DESTINATION_IP));
        int sum = 0;
        for (int i = 0; i < IPV4_BYTES; i += 2) {
            sum += backing.getShort(at + i) & 0xFFFF;
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum += sum >>> 16;
        backing.putShort(at + 10, (short) ~sum);
    }

    /** @return where the payload starts */
    private int transport(long packetId, int flow, int frameBytes, int protocol) {
        int at = ETHERNET_BYTES + IPV4_BYTES;
        if (protocol == FlowTuples.UDP) {
            backing.putShort(at, (short) lookup(flow, Field.SOURCE_PORT));
            backing.putShort(at + 2, (short) lookup(flow, Field.DESTINATION_PORT));
            backing.putShort(at + 4, (short) Math.min(Math.max(frameBytes - at, UDP_BYTES), 0xFFFF));
            backing.putShort(at + 6, (short) 0);
            return at + UDP_BYTES;
        }
        if (protocol == FlowTuples.TCP) {
            backing.putShort(at, (short) lookup(flow, Field.SOURCE_PORT));
            backing.putShort(at + 2, (short) lookup(flow, Field.DESTINATION_PORT));
            backing.putInt(at + 4, (int) packetId); // sequence number
            backing.putInt(at + 8, 0);
            backing.put(at + 12, (byte) 0x50); // 5 words, no options
            backing.put(at + 13, (byte) 0x18); // PSH, ACK
            backing.putShort(at + 14, (short) 0xFFFF);
            backing.putInt(at + 16, 0); // checksum, urgent pointer
            return at + TCP_BYTES;
        }
        return at;
    }

    private enum Field { SOURCE_IP, DESTINATION_IP, SOURCE_PORT, DESTINATION_PORT }

    private int protocol(int flow) {
        try {
            return tuples.protocol(flow);
        } catch (RuntimeException e) {
            return FlowTuples.UDP; // a flow a live source's table does not hold yet (another thread fills it)
        }
    }

    /** @return the flow's field, or 0 for a flow the table does not hold */
    private int lookup(int flow, Field field) {
        try {
            return switch (field) {
                case SOURCE_IP -> tuples.sourceIp(flow);
                case DESTINATION_IP -> tuples.destinationIp(flow);
                case SOURCE_PORT -> tuples.sourcePort(flow);
                case DESTINATION_PORT -> tuples.destinationPort(flow);
            };
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
