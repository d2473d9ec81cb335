package io.nicsim.nic.traffic;

/**
 * The IPv4 5-tuple behind each flow number, as receive-side scaling hashes it ({@code nic.rss}). Addresses are
 * numeric ({@code 10.0.0.1} is {@code 0x0A000001}), ports 0-65535, the protocol the IP protocol number
 * ({@value #TCP} TCP, {@value #UDP} UDP), or {@value #NOT_IPV4} for a frame that carries no IPv4 packet (its
 * other fields are 0). Lookups allocate nothing.
 */
public interface FlowTuples {

    /** IP protocol number of TCP. */
    int TCP = 6;
    /** IP protocol number of UDP. */
    int UDP = 17;
    /** The protocol of a frame without an IPv4 packet (ARP, IPv6, ...): a NIC computes no RSS hash for it. */
    int NOT_IPV4 = -1;

    int sourceIp(int flow);

    int destinationIp(int flow);

    int sourcePort(int flow);

    int destinationPort(int flow);

    int protocol(int flow);

    /** @return {@code a.b.c.d} for a numeric IPv4 address */
    static String formatIp(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }
}
