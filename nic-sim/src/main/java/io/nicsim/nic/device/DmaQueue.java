package io.nicsim.nic.device;

import io.nicsim.nic.wire.MacFifo;

/**
 * Packets the firmware has detected and whose DMA is in flight: each becomes visible (its descriptor may be
 * written) {@code dmaNanos + bytes * dmaPicosPerByte / 1000} after its detection, and never before the packet
 * detected ahead of it (transfers are pipelined but complete in ring order, as descriptors are written in order).
 * A power-of-two ring of primitive columns; device thread only, no allocation.
 */
final class DmaQueue {

    private final long fixedNanos;
    private final long picosPerByte;
    private final int mask;
    private final long[] packetId;
    private final long[] intendedNanos;
    private final long[] injectedNanos;
    private final long[] detectedNanos;
    private final long[] readyNanos;
    private final int[] flow;
    private final int[] frameBytes;
    private long head;
    private long tail;
    private long lastReadyNanos = Long.MIN_VALUE;

    DmaQueue(NicConfig nic, int capacitySlots) {
        this.fixedNanos = nic.dmaNanos();
        this.picosPerByte = nic.dmaPicosPerByte();
        int size = Integer.highestOneBit(Math.max(1, capacitySlots - 1)) << 1;
        mask = size - 1;
        packetId = new long[size];
        intendedNanos = new long[size];
        injectedNanos = new long[size];
        detectedNanos = new long[size];
        readyNanos = new long[size];
        flow = new int[size];
        frameBytes = new int[size];
    }

    /** @return when a packet of {@code bytes} detected at {@code detected} would be visible, alone */
    long dmaDoneNanos(long detected, int bytes) {
        return detected + fixedNanos + Math.ceilDiv(bytes * picosPerByte, 1_000);
    }

    boolean isEmpty() {
        return head == tail;
    }

    boolean isFull() {
        return tail - head > mask;
    }

    int size() {
        return (int) (tail - head);
    }

    /** Starts the DMA of the MAC's oldest packet, detected at {@code detected}; the caller checks {@link #isFull()}. */
    void startFrom(MacFifo mac, long detected) {
        int slot = (int) (tail & mask);
        int bytes = mac.headFrameBytes();
        packetId[slot] = mac.headPacketId();
        intendedNanos[slot] = mac.headIntendedNanos();
        injectedNanos[slot] = mac.headInjectedNanos();
        detectedNanos[slot] = detected;
        flow[slot] = mac.headFlow();
        frameBytes[slot] = bytes;
        lastReadyNanos = Math.max(dmaDoneNanos(detected, bytes), lastReadyNanos);
        readyNanos[slot] = lastReadyNanos;
        tail++;
    }

    /** @return whether the oldest packet's DMA has completed by {@code nowNanos}; valid while not empty */
    boolean headReady(long nowNanos) {
        return readyNanos[(int) (head & mask)] <= nowNanos;
    }

    long headPacketId() {
        return packetId[(int) (head & mask)];
    }

    long headIntendedNanos() {
        return intendedNanos[(int) (head & mask)];
    }

    long headInjectedNanos() {
        return injectedNanos[(int) (head & mask)];
    }

    long headDetectedNanos() {
        return detectedNanos[(int) (head & mask)];
    }

    long headReadyNanos() {
        return readyNanos[(int) (head & mask)];
    }

    int headFlow() {
        return flow[(int) (head & mask)];
    }

    int headFrameBytes() {
        return frameBytes[(int) (head & mask)];
    }

    void pop() {
        head++;
    }
}
