package com.example.handler;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The headers a handler reads, from frames built as nicsim's wire builds them. */
class FlowKeyTest {

    @Test
    void aUdpFrameGivesItsFiveTupleAndPayloadId() {
        FlowKey key = FlowKey.parse(Frames.frame(FlowKey.UDP, 42));
        assertEquals(new FlowKey(0x0A000001, 0xC0000201, 1024, 9000, FlowKey.UDP, 42), key);
        assertEquals("udp 10.0.0.1:1024 -> 192.0.2.1:9000", key.toString());
    }

    @Test
    void aTcpFramesPayloadIsFoundAfterItsDataOffset() {
        assertEquals(7, FlowKey.parse(Frames.frame(FlowKey.TCP, 7)).payloadId());
    }

    @Test
    void aFrameThatIsNotIpv4IsRefusedInOneLine() {
        ByteBuffer ipv6 = ByteBuffer.allocate(64).put(12, (byte) 0x86).put(13, (byte) 0xDD);
        assertEquals("not IPv4: EtherType 0x86dd",
                assertThrows(IllegalArgumentException.class, () -> FlowKey.parse(ipv6)).getMessage());
        assertEquals("frame of 20 bytes is too short for an Ethernet and an IPv4 header",
                assertThrows(IllegalArgumentException.class, () -> FlowKey.parse(ByteBuffer.allocate(20)))
                        .getMessage());
    }
}
