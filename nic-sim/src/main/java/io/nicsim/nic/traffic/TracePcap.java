package io.nicsim.nic.traffic;

import io.pkts.Pcap;
import io.pkts.frame.PcapGlobalHeader;
import io.pkts.packet.PCapPacket;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a classic pcap file (microsecond or nanosecond timestamps, either byte order) with pkts: each packet's
 * capture time and size, and its flow, the index of its distinct IPv4 5-tuple in order of first appearance
 * ({@link TupleTable}; TCP and UDP with ports, other IPv4 protocols with ports 0, fragments after the first and
 * non-IPv4 frames without). Frame size is the packet's original length as an Ethernet frame with its FCS (captures
 * leave the FCS out: +4 bytes), at least 64 bytes (Ethernet pads shorter frames). Link types: Ethernet, raw IPv4,
 * Linux cooked (SLL) and BSD loopback; pcapng files are refused (convert with {@code editcap -F pcap}).
 */
public final class TracePcap {

    private static final int LINKTYPE_NULL = 0;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_LINUX_SLL = 113;
    private static final int LINKTYPE_IPV4 = 228;

    private static final int ETHERNET_HEADER_BYTES = 14;
    private static final int FCS_BYTES = 4;
    private static final int MIN_FRAME_BYTES = 64;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;

    private TracePcap() {
    }

    /** @throws IllegalArgumentException "FILE: what is wrong", naming the packet where it applies */
    public static Trace read(Path file) throws IOException {
        String name = file.toString();
        Pcap pcap;
        try {
            pcap = Pcap.openStream(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(name + ": not a readable pcap file (" + e.getMessage() + ")");
        }
        PcapGlobalHeader header = pcap.getPcapHeader();
        int linkType = header.getDataLinkType();
        int headerBytes = switch (linkType) {
            case LINKTYPE_NULL -> 4;
            case LINKTYPE_ETHERNET -> ETHERNET_HEADER_BYTES;
            case LINKTYPE_RAW, LINKTYPE_IPV4 -> 0;
            case LINKTYPE_LINUX_SLL -> 16;
            default -> {
                pcap.close();
                throw new IllegalArgumentException(name + ": link type " + linkType + " is not supported (Ethernet,"
                        + " raw IP, Linux SLL and BSD loopback are)");
            }
        };
        long timeUnitNanos = header.timestampsInNs() ? 1 : 1_000;
        Trace.Builder packets = new Trace.Builder(name);
        TupleTable tuples = new TupleTable();
        try {
            pcap.loop(packet -> {
                PCapPacket p = (PCapPacket) packet;
                int number = packets.size() + 1;
                long timestamp = p.getArrivalTime() * timeUnitNanos;
                if (timestamp < packets.lastTimestampNanos()) {
                    throw new IllegalArgumentException(name + ": packet " + number + " was captured before packet "
                            + (number - 1) + " (a trace must be in time order; reordercap sorts a capture)");
                }
                long frame = p.getTotalLength() - headerBytes + ETHERNET_HEADER_BYTES + FCS_BYTES;
                int frameBytes = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_FRAME_BYTES, frame));
                byte[] bytes = p.getPayload() == null ? new byte[0] : p.getPayload().getArray();
                packets.add(timestamp, flowOf(bytes, linkType, tuples), frameBytes);
                return true;
            });
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(name + ": packet " + (packets.size() + 1) + " cannot be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); is the file truncated?");
        } finally {
            pcap.close();
        }
        return packets.build(tuples);
    }

    /** @return the flow of a frame: its IPv4 5-tuple's index in {@code tuples} */
    static int flowOf(byte[] frame, int linkType, TupleTable tuples) {
        int ip = ipOffset(frame, linkType);
        if (ip < 0 || frame.length < ip + 20 || (frame[ip] & 0xF0) != 0x40) {
            return tuples.flowOf(0, 0, 0, 0, FlowTuples.NOT_IPV4);
        }
        int headerBytes = (frame[ip] & 0x0F) * 4;
        int protocol = frame[ip + 9] & 0xFF;
        int source = readInt(frame, ip + 12);
        int destination = readInt(frame, ip + 16);
        boolean firstFragment = (readShort(frame, ip + 6) & 0x1FFF) == 0;
        int ports = ip + headerBytes;
        if ((protocol == FlowTuples.TCP || protocol == FlowTuples.UDP) && firstFragment && headerBytes >= 20
                && frame.length >= ports + 4) {
            return tuples.flowOf(source, destination, readShort(frame, ports), readShort(frame, ports + 2), protocol);
        }
        return tuples.flowOf(source, destination, 0, 0, protocol);
    }

    /** @return where the IPv4 header starts in a frame of this link type, or -1 if it carries none */
    private static int ipOffset(byte[] frame, int linkType) {
        switch (linkType) {
            case LINKTYPE_RAW, LINKTYPE_IPV4:
                return 0;
            case LINKTYPE_NULL:
                // the address family in the host byte order of the capturing machine: AF_INET is 2 on every system
                return frame.length >= 4 && (frame[0] == 2 || frame[3] == 2) ? 4 : -1;
            case LINKTYPE_LINUX_SLL:
                return frame.length >= 16 && readShort(frame, 14) == ETHERTYPE_IPV4 ? 16 : -1;
            default: {
                int at = 12;
                for (int tags = 0; tags < 2 && frame.length >= at + 2
                        && (readShort(frame, at) == ETHERTYPE_VLAN || readShort(frame, at) == ETHERTYPE_QINQ); tags++) {
                    at += 4;
                }
                return frame.length >= at + 2 && readShort(frame, at) == ETHERTYPE_IPV4 ? at + 2 : -1;
            }
        }
    }

    private static int readShort(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static int readInt(byte[] b, int at) {
        return readShort(b, at) << 16 | readShort(b, at + 2);
    }
}
