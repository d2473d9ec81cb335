package com.example.handler;

import java.nio.ByteBuffer;

/**
 * What a handler reads from a frame's headers: the IPv4 5-tuple and the first 8 bytes of the payload.
 *
 * @param sourceIp        the IPv4 source address ({@code 10.0.0.1} is {@code 0x0A000001})
 * @param destinationIp   the IPv4 destination address
 * @param sourcePort      the UDP or TCP source port
 * @param destinationPort the UDP or TCP destination port
 * @param protocol        {@value #UDP} (UDP) or {@value #TCP} (TCP)
 * @param payloadId       the payload's first 8 bytes, big-endian (nicsim writes the packet's number there)
 */
public record FlowKey(int sourceIp, int destinationIp, int sourcePort, int destinationPort, int protocol,
                      long payloadId) {

    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;

    private static final int ETHERNET_HEADER_BYTES = 14;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int UDP_HEADER_BYTES = 8;

    /**
     * Parses an Ethernet II frame carrying IPv4 and UDP or TCP, from position 0, with absolute reads (the buffer's
     * position is left as it was).
     *
     * @param frame the frame as the wire carried it, big-endian
     * @return its 5-tuple and payload id
     * @throws IllegalArgumentException one line saying what the frame is instead (too short, not IPv4, not UDP or
     *                                  TCP): a handler that throws drops the packet as {@code handler-error}
     */
    public static FlowKey parse(ByteBuffer frame) {
        int length = frame.limit();
        need(frame, ETHERNET_HEADER_BYTES + 20, "an Ethernet and an IPv4 header");
        int etherType = frame.getShort(12) & 0xFFFF;
        if (etherType != ETHERTYPE_IPV4) {
            throw new IllegalArgumentException(String.format("not IPv4: EtherType 0x%04x", etherType));
        }
        int ip = ETHERNET_HEADER_BYTES;
        int versionAndLength = frame.get(ip) & 0xFF;
        int ipHeaderBytes = (versionAndLength & 0x0F) * 4;
        if (versionAndLength >>> 4 != 4 || ipHeaderBytes < 20) {
            throw new IllegalArgumentException("not an IPv4 header: first byte 0x"
                    + Integer.toHexString(versionAndLength));
        }
        int protocol = frame.get(ip + 9) & 0xFF;
        if (protocol != UDP && protocol != TCP) {
            throw new IllegalArgumentException("neither UDP nor TCP: IP protocol " + protocol);
        }
        int l4 = ip + ipHeaderBytes;
        need(frame, l4 + (protocol == UDP ? UDP_HEADER_BYTES : 20),
                protocol == UDP ? "a UDP header" : "a TCP header");
        int payload = protocol == UDP ? l4 + UDP_HEADER_BYTES : l4 + ((frame.get(l4 + 12) & 0xFF) >>> 4) * 4;
        long payloadId = payload + Long.BYTES <= length ? frame.getLong(payload) : -1;
        return new FlowKey(frame.getInt(ip + 12), frame.getInt(ip + 16), frame.getShort(l4) & 0xFFFF,
                frame.getShort(l4 + 2) & 0xFFFF, protocol, payloadId);
    }

    private static void need(ByteBuffer frame, int bytes, String what) {
        if (frame.limit() < bytes) {
            throw new IllegalArgumentException("frame of " + frame.limit() + " bytes is too short for " + what);
        }
    }

    /** @return {@code udp 10.0.0.1:1024 -> 192.0.2.1:9000} */
    @Override
    public String toString() {
        return (protocol == UDP ? "udp " : "tcp ") + ip(sourceIp) + ":" + sourcePort + " -> " + ip(destinationIp) + ":"
                + destinationPort;
    }

    private static String ip(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}
