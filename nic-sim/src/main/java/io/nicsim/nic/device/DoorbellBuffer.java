package io.nicsim.nic.device;

import io.nicsim.nic.record.DoorbellRecord;

/**
 * Doorbells the firmware has read and not yet executed, each with its place in model time: a small ring of
 * primitives, so that the engine can execute them in model-time order among its own events. Nothing allocated.
 */
final class DoorbellBuffer {

    static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    private final int[] queue = new int[CAPACITY];
    private final int[] kind = new int[CAPACITY];
    private final long[] consumedPacketId = new long[CAPACITY];
    private final long[] modelNanos = new long[CAPACITY];
    private long head;
    private long tail;
    private long lastNanos = Long.MIN_VALUE;

    boolean isFull() {
        return tail - head == CAPACITY;
    }

    boolean isEmpty() {
        return head == tail;
    }

    /**
     * Takes a doorbell the host rang at {@code doorbell.writtenNanos}; it enters model time there, but never before
     * {@code notBeforeNanos} nor before the doorbell read before it.
     */
    void add(DoorbellRecord doorbell, long notBeforeNanos) {
        int slot = (int) (tail & MASK);
        queue[slot] = doorbell.queue;
        kind[slot] = doorbell.kind;
        consumedPacketId[slot] = doorbell.consumedPacketId;
        lastNanos = Math.max(doorbell.writtenNanos, Math.max(notBeforeNanos, lastNanos));
        modelNanos[slot] = lastNanos;
        tail++;
    }

    long headNanos() {
        return modelNanos[(int) (head & MASK)];
    }

    int headQueue() {
        return queue[(int) (head & MASK)];
    }

    int headKind() {
        return kind[(int) (head & MASK)];
    }

    long headConsumedPacketId() {
        return consumedPacketId[(int) (head & MASK)];
    }

    void pop() {
        head++;
    }
}
