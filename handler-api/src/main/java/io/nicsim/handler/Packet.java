package io.nicsim.handler;

import java.nio.ByteBuffer;

/**
 * One received packet as the handler sees it: which flow and queue, its class, its bytes, and its stamps so far.
 * Stamps are nanoseconds on the run's clock ({@link HandlerContext#nanoTime()}: {@code System.nanoTime()} in
 * hardware-in-the-loop runs), in the order the packet passed them. nicsim reuses one object per slot: a
 * {@link PacketHandler} may read it until it returns, an {@link AsyncPacketHandler} until it completes.
 */
public interface Packet {

    /** {@link #trafficClass()} of ordinary traffic. */
    int LOW = 0;
    /** {@link #trafficClass()} of high-priority traffic. */
    int HIGH = 1;

    /** @return the packet's number on the wire, from 0, in generation order */
    long id();

    /** @return its flow (0 to the scenario's {@code traffic.flows} - 1): the 5-tuple in its headers */
    int flow();

    /** @return the RX queue it arrived on (receive-side scaling chose it by the flow's hash) */
    int queue();

    /** @return {@link #LOW} or {@link #HIGH} */
    int trafficClass();

    /** @return the frame's length in bytes, as on the wire (Ethernet header to payload, no FCS) */
    int frameBytes();

    /**
     * The frame as the wire carried it: an Ethernet II header, an IPv4 header and a UDP (or TCP) header with the
     * flow's 5-tuple, then the payload, whose first 8 bytes are {@link #id()} (big-endian) and the rest zeros:
     * nicsim models when packets arrive, not what they say. Built on the first call for each packet, into a buffer
     * of the caller's (a consumer thread's, or the slot of a packet in flight; nothing allocated per packet).
     *
     * @return a read-only buffer, position 0, limit {@link #frameBytes()} (at most its first 16 KiB), big-endian
     */
    ByteBuffer bytes();

    /** @return when the packet was due on the traffic schedule (latency is measured from here) */
    long intendedNanos();

    /** @return when the wire actually injected it into the modeled MAC */
    long injectedNanos();

    /** @return when the firmware's poll of the MAC found it */
    long detectedNanos();

    /** @return when its descriptor's DMA to the RX ring completed */
    long writtenNanos();

    /** @return when the interrupt that covered it was raised ({@link #wokenNanos()} if none did: a poll found it) */
    long raisedNanos();

    /** @return when that interrupt reached the host ({@link #wokenNanos()} if none did) */
    long deliveredNanos();

    /** @return when the thread that handles it could first act on it (notification latency ends here) */
    long wokenNanos();
}
