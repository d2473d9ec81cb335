package com.example.handler;

import io.nicsim.handler.Packet;

import java.nio.ByteBuffer;

/** Frames as nicsim's wire carries them, and packets around them, for the handler's unit tests. */
final class Frames {

    private Frames() {
    }

    /** @return an Ethernet II / IPv4 / UDP (or TCP) frame, 10.0.0.1:1024 to 192.0.2.1:9000, payload opening with id */
    static ByteBuffer frame(int protocol, long id) {
        int l4Bytes = protocol == FlowKey.UDP ? 8 : 20;
        ByteBuffer frame = ByteBuffer.allocate(14 + 20 + l4Bytes + 18);
        frame.put(12, (byte) 0x08).put(13, (byte) 0x00);        // EtherType IPv4
        frame.put(14, (byte) 0x45).put(14 + 9, (byte) protocol); // version 4, 20-byte header; protocol
        frame.putInt(14 + 12, 0x0A000001).putInt(14 + 16, 0xC0000201);
        frame.putShort(34, (short) 1024).putShort(36, (short) 9000);
        if (protocol == FlowKey.TCP) {
            frame.put(34 + 12, (byte) 0x50);                      // data offset: 5 words
        }
        frame.putLong(34 + l4Bytes, id);
        return frame.asReadOnlyBuffer();
    }

    /** @return a packet numbered id whose bytes are {@code frame} */
    static Packet packet(long id, ByteBuffer frame) {
        return new Packet() {
            @Override
            public long id() {
                return id;
            }

            @Override
            public int flow() {
                return 0;
            }

            @Override
            public int queue() {
                return 0;
            }

            @Override
            public int trafficClass() {
                return LOW;
            }

            @Override
            public int frameBytes() {
                return frame.limit();
            }

            @Override
            public ByteBuffer bytes() {
                return frame.duplicate();
            }

            @Override
            public long intendedNanos() {
                return 0;
            }

            @Override
            public long injectedNanos() {
                return 0;
            }

            @Override
            public long detectedNanos() {
                return 0;
            }

            @Override
            public long writtenNanos() {
                return 0;
            }

            @Override
            public long raisedNanos() {
                return 0;
            }

            @Override
            public long deliveredNanos() {
                return 0;
            }

            @Override
            public long wokenNanos() {
                return 0;
            }
        };
    }
}
