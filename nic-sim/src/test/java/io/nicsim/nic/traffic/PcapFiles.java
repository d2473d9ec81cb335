package io.nicsim.nic.traffic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic pcap files byte by byte (the format tcpdump writes: a 24-byte global header, then per packet a
 * 16-byte record header and the captured bytes), so tests need no capture on disk.
 */
final class PcapFiles {

    static final int ETHERNET = 1;
    static final int RAW_IP = 101;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteOrder order;
    private final boolean nanos;

    /** @param nanos nanosecond timestamps (magic a1b23c4d) instead of microseconds */
    PcapFiles(ByteOrder order, boolean nanos, int linkType) {
        this.order = order;
        this.nanos = nanos;
        ByteBuffer header = ByteBuffer.allocate(24).order(order);
        header.putInt(nanos ? 0xA1B23C4D : 0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65_535).putInt(linkType);
        out.writeBytes(header.array());
    }

    /**
     * Adds a packet captured at {@code seconds} + {@code fraction} (micro- or nanoseconds), {@code originalBytes} long.
     */
    PcapFiles packet(long seconds, long fraction, byte[] captured, int originalBytes) {
        ByteBuffer record = ByteBuffer.allocate(16).order(order);
        record.putInt((int) seconds).putInt((int) fraction).putInt(captured.length).putInt(originalBytes);
        out.writeBytes(record.array());
        out.writeBytes(captured);
        return this;
    }

    boolean nanos() {
        return nanos;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    /**
     * @return an Ethernet frame (no FCS) carrying IPv4 with {@code protocol} and, for TCP/UDP, ports, padded to {@code
     * length}
     */
    static byte[] ipv4Frame(int srcIp, int dstIp, int protocol, int srcPort, int dstPort, int length) {
        ByteBuffer frame = ByteBuffer.allocate(Math.max(length, 14 + 20 + 8)).order(ByteOrder.BIG_ENDIAN);
        frame.put(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}).putShort((short) 0x0800);
        frame.put((byte) 0x45).put((byte) 0).putShort((short) (frame.capacity() - 14)).putShort((short) 1)
                .putShort((short) 0).put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(srcIp)
                .putInt(dstIp);
        frame.putShort((short) srcPort).putShort((short) dstPort);
        return frame.array();
    }

    /** @return an Ethernet frame that carries no IPv4 (ARP) */
    static byte[] arpFrame() {
        byte[] frame = new byte[42];
        frame[12] = 0x08;
        frame[13] = 0x06;
        return frame;
    }
}
