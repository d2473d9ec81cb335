package io.nicsim.host.interrupt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The interrupts the dispatcher delivered to one consumer, in order, so the consumer can tell for each packet
 * which interrupt (if any) notified it, and when that interrupt was raised and delivered. A single-producer
 * (dispatcher) single-consumer (consumer thread) ring of primitive columns: no allocation, no locks. When the
 * consumer falls far behind, new entries are dropped and counted; the packets they covered are then
 * reported as found by polling.
 */
public final class InterruptLog {

    /** Default capacity: far more interrupts than a consumer leaves unread between two polls. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private final int mask;
    private final long[] firstPacketId;
    private final long[] lastPacketId;
    private final long[] raisedNanos;
    private final long[] deliveredNanos;
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong head = new AtomicLong();
    private long dropped;
    private long cachedHead;
    private long consumerHead;
    private long cachedTail;

    public InterruptLog(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, got " + capacity);
        }
        mask = capacity - 1;
        firstPacketId = new long[capacity];
        lastPacketId = new long[capacity];
        raisedNanos = new long[capacity];
        deliveredNanos = new long[capacity];
    }

    // Producer side (the dispatcher's thread).

    /** Appends an interrupt; drops it (and counts) if the ring is full. */
    public void offer(long first, long last, long raised, long delivered) {
        long t = tail.get();
        if (t - cachedHead > mask) {
            cachedHead = head.get();
            if (t - cachedHead > mask) {
                dropped++;
                return;
            }
        }
        int slot = (int) (t & mask);
        firstPacketId[slot] = first;
        lastPacketId[slot] = last;
        raisedNanos[slot] = raised;
        deliveredNanos[slot] = delivered;
        tail.lazySet(t + 1);
    }

    /** @return entries dropped because the ring was full (producer thread, or after both stopped) */
    public long dropped() {
        return dropped;
    }

    // Consumer side (the consumer's thread). The head entry is valid while hasEntry() is true.

    public boolean hasEntry() {
        if (consumerHead < cachedTail) {
            return true;
        }
        cachedTail = tail.get();
        return consumerHead < cachedTail;
    }

    public long headFirstPacketId() {
        return firstPacketId[(int) (consumerHead & mask)];
    }

    public long headLastPacketId() {
        return lastPacketId[(int) (consumerHead & mask)];
    }

    public long headRaisedNanos() {
        return raisedNanos[(int) (consumerHead & mask)];
    }

    public long headDeliveredNanos() {
        return deliveredNanos[(int) (consumerHead & mask)];
    }

    public void advance() {
        consumerHead++;
        head.lazySet(consumerHead);
    }
}
