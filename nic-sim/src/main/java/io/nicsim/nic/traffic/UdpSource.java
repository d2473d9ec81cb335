package io.nicsim.nic.traffic;

import io.nicsim.firmware.clock.NanoClock;
import org.agrona.collections.Long2LongHashMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Real UDP datagrams sent to {@code 127.0.0.1:udpPort} become arrivals, so any program can drive the NIC
 * ({@code nicsim send} is one). The device thread reads the socket without blocking on every wire turn; a
 * datagram's intended arrival is the moment that read returned it, so time it spent queued in the kernel before the
 * read is not counted (a sender's own schedule is unknown here), while everything after is. Each datagram is one
 * frame of {@code payload + 46} bytes (Ethernet 14, IPv4 20, UDP 8, FCS 4), at least 64; its flow is the index of
 * its sender address in order of first appearance, with the real 5-tuple. Real traffic from real programs, at the
 * price of a system call per device turn (hundreds of nanoseconds added to detection) and no replay.
 *
 * <p>Allocation: the receive buffer is preallocated and direct; reading from one sender allocates nothing, but
 * when datagrams from several senders interleave, the JDK decodes each new sender address (it caches only the
 * last one), about 80 bytes per datagram.
 */
public final class UdpSource implements LiveSource {

    /** Name in scenario files. */
    public static final String KIND = "udp";
    /** The address the source listens on: loopback only. */
    public static final String HOST = "127.0.0.1";
    private static final int LOOPBACK_IP = 0x7F000001;
    /** Ethernet header, IPv4 header, UDP header and FCS around a datagram's payload. */
    public static final int FRAME_OVERHEAD_BYTES = 14 + 20 + 8 + 4;
    /** The smallest Ethernet frame: shorter ones are padded. */
    public static final int MIN_FRAME_BYTES = 64;
    /** Socket receive buffer asked for (the kernel caps it at net.core.rmem_max). */
    static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    private static final int MAX_DATAGRAM_BYTES = 65_536;

    private final int port;
    private final long durationNanos;
    private final NanoClock clock;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final TupleTable tuples = new TupleTable();
    private final Long2LongHashMap flowBySender = new Long2LongHashMap(-1);

    private DatagramChannel channel;
    private long startNanos;
    private volatile boolean ended;
    private SocketAddress lastSender;
    private int lastFlow;
    private long offsetNanos;
    private int flow;
    private int frameBytes;

    UdpSource(int port, long durationNanos, NanoClock clock) {
        this.port = port;
        this.durationNanos = durationNanos;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** @throws IllegalStateException "traffic.udpPort: cannot listen on 127.0.0.1:PORT: why" */
    @Override
    public void start(long startNanos) {
        this.startNanos = startNanos;
        DatagramChannel opened = null;
        try {
            opened = DatagramChannel.open(StandardProtocolFamily.INET);
            opened.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
            opened.bind(new InetSocketAddress(HOST, port));
            opened.configureBlocking(false);
            channel = opened;
        } catch (IOException e) {
            closeQuietly(opened);
            throw new IllegalStateException("traffic.udpPort: cannot listen on " + HOST + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Checks that the port can be listened on now, before a run writes anything (it may still be taken before the
     * run opens it).
     *
     * @throws IllegalStateException "traffic.udpPort: cannot listen on 127.0.0.1:PORT: why"
     */
    public static void checkPortFree(int port) {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new IllegalStateException("traffic.udpPort: cannot listen on " + HOST + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean next() {
        if (ended || channel == null) {
            return false;
        }
        long now = clock.nanoTime();
        if (now - startNanos >= durationNanos) {
            ended = true;
            return false;
        }
        if (now < startNanos) {
            return false; // before time zero: datagrams wait in the kernel and arrive at the start
        }
        SocketAddress sender;
        try {
            buffer.clear();
            sender = channel.receive(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException("traffic.udp: reading " + HOST + ":" + port + " failed", e);
        }
        if (sender == null) {
            return false;
        }
        long received = clock.nanoTime() - startNanos;
        if (received >= durationNanos) {
            ended = true; // arrived after the end of the run: never generated
            return false;
        }
        offsetNanos = received;
        frameBytes = Math.max(MIN_FRAME_BYTES, buffer.position() + FRAME_OVERHEAD_BYTES);
        flow = sender == lastSender ? lastFlow : flowOf(sender);
        return true;
    }

    private int flowOf(SocketAddress sender) {
        InetSocketAddress address = (InetSocketAddress) sender;
        int ip = address.getAddress() instanceof Inet4Address v4 ? ipOf(v4) : 0;
        long key = (ip & 0xFFFF_FFFFL) << 16 | address.getPort();
        int known = (int) flowBySender.get(key);
        if (known < 0) {
            known = tuples.flowOf(ip, LOOPBACK_IP, address.getPort(), port, FlowTuples.UDP);
            flowBySender.put(key, known);
        }
        lastSender = sender;
        lastFlow = known;
        return known;
    }

    private static int ipOf(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }

    @Override
    public long offsetNanos() {
        return offsetNanos;
    }

    @Override
    public int flow() {
        return flow;
    }

    @Override
    public int frameBytes() {
        return frameBytes;
    }

    /** The senders' 5-tuples, growing as senders appear; read it on the device thread. */
    @Override
    public FlowTuples flowTuples() {
        return tuples;
    }

    /** @return the port listened on, or the configured one before {@link #start(long)} */
    public int port() {
        return port;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        ended = true;
        closeQuietly(channel);
    }

    private static void closeQuietly(DatagramChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a datagram socket has nothing to flush
            }
        }
    }
}
