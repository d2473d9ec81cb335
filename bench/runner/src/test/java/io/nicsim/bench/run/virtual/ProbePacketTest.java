package io.nicsim.bench.run.virtual;

import io.nicsim.nic.rss.RssSteering;
import io.nicsim.nic.traffic.SyntheticFlows;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The probe's packet: its bytes are the frame {@code Packet.bytes()} promises, its flow and queue RSS's. */
class ProbePacketTest {

    @Test
    void bytesAreEthernetIpv4UdpWithTheFlowsTupleThenTheId() {
        ProbePacket packet = new ProbePacket(60, 3, 4);
        packet.next(7, 123);
        ByteBuffer frame = packet.bytes();
        assertThat(frame.position()).isZero();
        assertThat(frame.limit()).isEqualTo(60);
        assertThat(frame.isReadOnly()).isTrue();
        assertThat(frame.getShort(12)).as("ethertype IPv4").isEqualTo((short) 0x0800);
        assertThat(frame.get(14)).as("version 4, 20-byte header").isEqualTo((byte) 0x45);
        assertThat(frame.getShort(16)).as("IP total length").isEqualTo((short) 46);
        assertThat(frame.get(23)).as("UDP").isEqualTo((byte) 17);
        int flow = 7 % 3;
        assertThat(packet.flow()).isEqualTo(flow);
        assertThat(frame.getInt(26)).isEqualTo(SyntheticFlows.INSTANCE.sourceIp(flow));
        assertThat(frame.getInt(30)).isEqualTo(SyntheticFlows.DESTINATION_IP);
        assertThat(frame.getShort(34) & 0xFFFF).isEqualTo(SyntheticFlows.INSTANCE.sourcePort(flow));
        assertThat(frame.getShort(36) & 0xFFFF).isEqualTo(SyntheticFlows.DESTINATION_PORT);
        assertThat(frame.getShort(38)).as("UDP length").isEqualTo((short) 26);
        assertThat(frame.getLong(42)).as("the payload opens with the id").isEqualTo(7);
        assertThat(frame.get(59)).isZero();
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += frame.getShort(i) & 0xFFFF;
        }
        assertThat((sum & 0xFFFF) + (sum >>> 16)).as("a valid IPv4 header checksum").isEqualTo(0xFFFF);
        assertThat(packet.queue()).isEqualTo(RssSteering.forQueues(4, SyntheticFlows.INSTANCE).queueOf(flow));
        assertThat(packet.intendedNanos()).isEqualTo(123);
        assertThat(packet.wokenNanos()).isEqualTo(123);
        assertThatThrownBy(() -> frame.put(0, (byte) 1)).as("the handler cannot change it")
                .isInstanceOf(java.nio.ReadOnlyBufferException.class);
    }

    @Test
    void theNextPacketIsBuiltAgainInTheSameBufferAndAHugeFrameIsCutAt16KiB() {
        ProbePacket packet = new ProbePacket(9000, 2, 1);
        ByteBuffer first = packet.bytes();
        packet.next(1, 5);
        ByteBuffer second = packet.bytes();
        assertThat(second).isSameAs(first);
        assertThat(second.getLong(42)).isEqualTo(1);
        assertThat(packet.flow()).isEqualTo(1);
        assertThat(packet.frameBytes()).isEqualTo(9000);
        assertThat(new ProbePacket(64_000, 1, 1).bytes().limit()).isEqualTo(ProbePacket.MAX_BYTES);
        assertThat(new ProbePacket(20, 1, 1).bytes().limit()).as("a frame shorter than its headers").isEqualTo(20);
    }
}
