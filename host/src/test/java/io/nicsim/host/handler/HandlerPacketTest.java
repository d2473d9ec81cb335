package io.nicsim.host.handler;

import io.nicsim.host.measure.Packet;
import io.nicsim.nic.traffic.FlowTuples;
import io.nicsim.nic.traffic.SyntheticFlows;
import io.nicsim.nic.traffic.TupleTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link io.nicsim.handler.Packet} contract of {@link HandlerPacket}: its fields are the holder's, its stamps the
 * holder's and the wake-up's, and {@link HandlerPacket#bytes()} is the frame the wire carried: Ethernet II, IPv4 (with
 * a valid header checksum), UDP or TCP with the flow's 5-tuple, the packet id first in the payload and zeros after,
 * read-only, big-endian, position 0, limit the frame's length (at most 16 KiB), whatever frame the view held before.
 */
class HandlerPacketTest {

    private static Packet holder(long id, int flow, int frameBytes, int trafficClass) {
        Packet packet = new Packet();
        packet.packetId = id;
        packet.flow = flow;
        packet.queue = 3;
        packet.frameBytes = frameBytes;
        packet.trafficClass = trafficClass;
        packet.intendedNanos = 100;
        packet.injectedNanos = 110;
        packet.detectedNanos = 120;
        packet.writtenNanos = 130;
        packet.raisedNanos = 140;
        packet.deliveredNanos = 150;
        return packet;
    }

    @Test
    void readsItsFieldsAndStampsFromTheHolderAndTheWakeUp() {
        HandlerPacket view = new HandlerPacket(SyntheticFlows.INSTANCE).bind(holder(7, 2, 128, 1), 160);
        assertThat(view.id()).isEqualTo(7);
        assertThat(view.flow()).isEqualTo(2);
        assertThat(view.queue()).isEqualTo(3);
        assertThat(view.frameBytes()).isEqualTo(128);
        assertThat(view.trafficClass()).isEqualTo(io.nicsim.handler.Packet.HIGH);
        assertThat(new long[] {view.intendedNanos(), view.injectedNanos(), view.detectedNanos(), view.writtenNanos(),
                view.raisedNanos(), view.deliveredNanos(), view.wokenNanos()})
                .containsExactly(100, 110, 120, 130, 140, 150, 160);
    }

    @Test
    void aViewBoundToADescriptorReadsTheSameAsOneBoundToItsCopy() {
        io.nicsim.nic.record.DescriptorRecord descriptor = new io.nicsim.nic.record.DescriptorRecord();
        descriptor.packetId = 11;
        descriptor.queue = 1;
        descriptor.flow = 2;
        descriptor.frameBytes = 90;
        descriptor.intendedNanos = 100;
        descriptor.writtenNanos = 130;
        HandlerPacket view = new HandlerPacket(SyntheticFlows.INSTANCE).bind(descriptor, 140, 150, 160);
        assertThat(new long[] {view.id(), view.queue(), view.flow(), view.frameBytes(), view.intendedNanos(),
                view.writtenNanos(), view.raisedNanos(), view.deliveredNanos(), view.wokenNanos()})
                .containsExactly(11, 1, 2, 90, 100, 130, 140, 150, 160);
        assertThat(view.bytes().getLong(42)).isEqualTo(11);
        descriptor.packetId = 12; // the reader moved on: the view keeps what it read for this packet
        assertThat(view.id()).isEqualTo(11);
        assertThat(view.bind(holder(13, 0, 64, 0), 170).id()).isEqualTo(13);
    }

    @Test
    void aSyntheticFlowIsUdpWithItsTupleAndThePacketIdFirstInThePayload() {
        HandlerPacket view = new HandlerPacket(SyntheticFlows.INSTANCE).bind(holder(0x0102030405060708L, 5, 100, 1),
                0);
        ByteBuffer frame = view.bytes();
        assertThat(frame.isReadOnly()).isTrue();
        assertThat(frame.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(frame.position()).isZero();
        assertThat(frame.limit()).isEqualTo(100);
        assertThat(frame.getShort(12) & 0xFFFF).as("EtherType IPv4").isEqualTo(0x0800);
        assertThat(frame.get(14)).as("IPv4, 5 words").isEqualTo((byte) 0x45);
        assertThat(frame.get(15) & 0xFF).as("DSCP EF for high priority").isEqualTo(46 << 2);
        assertThat(frame.getShort(16) & 0xFFFF).as("IP total length").isEqualTo(100 - 14);
        assertThat(frame.get(23)).as("protocol").isEqualTo((byte) FlowTuples.UDP);
        assertThat(frame.getInt(26)).isEqualTo(SyntheticFlows.INSTANCE.sourceIp(5));
        assertThat(frame.getInt(30)).isEqualTo(SyntheticFlows.DESTINATION_IP);
        assertThat(ipChecksum(frame)).as("the IPv4 header sums to 0xFFFF").isEqualTo(0xFFFF);
        assertThat(frame.getShort(34) & 0xFFFF).isEqualTo(SyntheticFlows.INSTANCE.sourcePort(5));
        assertThat(frame.getShort(36) & 0xFFFF).isEqualTo(SyntheticFlows.DESTINATION_PORT);
        assertThat(frame.getShort(38) & 0xFFFF).as("UDP length").isEqualTo(100 - 34);
        assertThat(frame.getLong(42)).as("the payload starts with the id").isEqualTo(0x0102030405060708L);
        for (int i = 50; i < 100; i++) {
            assertThat(frame.get(i)).as("payload byte " + i).isZero();
        }
        assertThatThrownBy(() -> frame.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
    }

    @Test
    void aTcpFlowHasATcpHeaderAndAFrameWithoutIpv4ItsIdRightAfterEthernet() {
        TupleTable tuples = new TupleTable();
        int tcp = tuples.flowOf(0x0A000001, 0x0A000002, 4321, 80, FlowTuples.TCP);
        int arp = tuples.flowOf(0, 0, 0, 0, FlowTuples.NOT_IPV4);
        HandlerPacket view = new HandlerPacket(tuples);
        ByteBuffer frame = view.bind(holder(9, tcp, 80, 0), 0).bytes();
        assertThat(frame.get(23)).isEqualTo((byte) FlowTuples.TCP);
        assertThat(frame.getShort(34) & 0xFFFF).isEqualTo(4321);
        assertThat(frame.getShort(36) & 0xFFFF).isEqualTo(80);
        assertThat(frame.get(46)).as("data offset 5 words").isEqualTo((byte) 0x50);
        assertThat(frame.getLong(54)).isEqualTo(9);
        frame = view.bind(holder(10, arp, 80, 0), 0).bytes();
        assertThat(frame.getShort(12) & 0xFFFF).isEqualTo(0x88B5);
        assertThat(frame.getLong(14)).isEqualTo(10);
        for (int i = 22; i < 80; i++) {
            assertThat(frame.get(i)).as("an earlier frame's headers are cleared: byte " + i).isZero();
        }
    }

    @Test
    void eachPacketGetsItsOwnBytesAndRepeatedCallsTheSame() {
        HandlerPacket view = new HandlerPacket(SyntheticFlows.INSTANCE);
        ByteBuffer first = view.bind(holder(1, 0, 64, 0), 0).bytes();
        first.position(10);
        assertThat(view.bytes().position()).as("reset to 0 on every call").isZero();
        assertThat(view.bytes().getLong(42)).isEqualTo(1);
        assertThat(view.bind(holder(2, 0, 64, 0), 0).bytes().getLong(42)).isEqualTo(2);
    }

    @Test
    void showsAtMost16KiBOfAJumboFrameAndCutsAShortOne() {
        HandlerPacket view = new HandlerPacket(SyntheticFlows.INSTANCE);
        assertThat(view.bind(holder(1, 0, 40_000, 0), 0).bytes().limit()).isEqualTo(16 * 1024);
        assertThat(view.bind(holder(2, 0, 20, 0), 0).bytes().limit()).isEqualTo(20);
    }

    @Test
    void aFlowTheTableDoesNotHoldYetGetsZeroAddresses() {
        HandlerPacket view = new HandlerPacket(new TupleTable());
        ByteBuffer frame = view.bind(holder(3, 1_000, 64, 0), 0).bytes();
        assertThat(frame.getInt(26)).isZero();
        assertThat(frame.getLong(42)).isEqualTo(3);
    }

    private static int ipChecksum(ByteBuffer frame) {
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += frame.getShort(i) & 0xFFFF;
        }
        while (sum > 0xFFFF) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }
}
