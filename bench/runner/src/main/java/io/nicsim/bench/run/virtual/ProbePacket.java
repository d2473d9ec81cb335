package io.nicsim.bench.run.virtual;

import io.nicsim.handler.Packet;
import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.traffic.FlowTuples;
import io.nicsim.nic.traffic.SyntheticFlows;

import java.nio.ByteBuffer;

/**
 * The packet {@link HandlerProbe} hands a handler: one reused object moved to the next synthetic packet by
 * {@link #next}, its flows taking turns, each on the RX queue receive-side scaling gives it, every stamp the moment
 * of the call. Its bytes follow {@link Packet#bytes()}: Ethernet II, IPv4 and UDP headers with the flow's synthetic
 * 5-tuple, then the packet's id; built on the first call for each packet into one buffer, so nothing is allocated
 * per packet (the probe counts what the handler allocates).
 */
final class ProbePacket implements Packet {

    /** The most of a frame {@link #bytes()} holds. */
    static final int MAX_BYTES = 16 * 1024;
    private static final int ETHERNET_BYTES = 14;
    private static final int IPV4_BYTES = 20;
    private static final int UDP_BYTES = 8;
    private static final int PAYLOAD_OFFSET = ETHERNET_BYTES + IPV4_BYTES + UDP_BYTES;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int TTL = 64;

    private final int frameBytes;
    private final int flows;
    private final RssSteering rss;
    private final FlowTuples tuples = SyntheticFlows.INSTANCE;
    private final ByteBuffer frame;
    private final ByteBuffer view;
    private long id;
    private int flow;
    private long stampNanos;
    private boolean built;

    /**
     * @param frameBytes the frame's length without its FCS
     * @param flows      flows the packets take turns over
     * @param queues     RX queues, among which RSS steers each flow
     */
    ProbePacket(int frameBytes, int flows, int queues) {
        this.frameBytes = frameBytes;
        this.flows = Math.max(1, flows);
        this.rss = RssSteering.forQueues(Math.max(1, queues), tuples);
        int length = Math.min(frameBytes, MAX_BYTES);
        this.frame = ByteBuffer.allocate(Math.max(length, PAYLOAD_OFFSET + Long.BYTES));
        this.view = frame.asReadOnlyBuffer();
        view.limit(length);
    }

    /** Moves to packet {@code packetId}, stamped {@code nowNanos}. */
    void next(long packetId, long nowNanos) {
        id = packetId;
        flow = (int) (packetId % flows);
        stampNanos = nowNanos;
        built = false;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int flow() {
        return flow;
    }

    @Override
    public int queue() {
        return rss.queueOf(flow);
    }

    @Override
    public int trafficClass() {
        return LOW;
    }

    @Override
    public int frameBytes() {
        return frameBytes;
    }

    @Override
    public ByteBuffer bytes() {
        if (!built) {
            build();
            built = true;
        }
        view.position(0);
        return view;
    }

    private void build() {
        frame.clear();
        frame.putShort(0, (short) 0x0200).putInt(2, 1); // destination MAC 02:00:00:00:00:01 (locally administered)
        frame.putShort(6, (short) 0x0200).putInt(8, 2);
        frame.putShort(12, (short) ETHERTYPE_IPV4);
        int ip = ETHERNET_BYTES;
        frame.put(ip, (byte) 0x45).put(ip + 1, (byte) 0).putShort(ip + 2, (short) (frameBytes - ETHERNET_BYTES))
                .putShort(ip + 4, (short) id).putShort(ip + 6, (short) 0x4000).put(ip + 8, (byte) TTL)
                .put(ip + 9, (byte) tuples.protocol(flow)).putShort(ip + 10, (short) 0)
                .putInt(ip + 12, tuples.sourceIp(flow)).putInt(ip + 16, tuples.destinationIp(flow));
        frame.putShort(ip + 10, checksum(ip));
        int udp = ip + IPV4_BYTES;
        frame.putShort(udp, (short) tuples.sourcePort(flow)).putShort(udp + 2, (short) tuples.destinationPort(flow))
                .putShort(udp + 4, (short) (frameBytes - ETHERNET_BYTES - IPV4_BYTES)).putShort(udp + 6, (short) 0);
        frame.putLong(PAYLOAD_OFFSET, id);
    }

    /** @return the IPv4 header checksum (RFC 791): the ones' complement of the ones' complement sum of its words */
    private short checksum(int ip) {
        int sum = 0;
        for (int i = 0; i < IPV4_BYTES; i += 2) {
            sum += frame.getShort(ip + i) & 0xFFFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }

    @Override
    public long intendedNanos() {
        return stampNanos;
    }

    @Override
    public long injectedNanos() {
        return stampNanos;
    }

    @Override
    public long detectedNanos() {
        return stampNanos;
    }

    @Override
    public long writtenNanos() {
        return stampNanos;
    }

    @Override
    public long raisedNanos() {
        return stampNanos;
    }

    @Override
    public long deliveredNanos() {
        return stampNanos;
    }

    @Override
    public long wokenNanos() {
        return stampNanos;
    }
}
