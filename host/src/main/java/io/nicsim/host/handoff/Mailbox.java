package io.nicsim.host.handoff;

import io.nicsim.host.measure.Packet;
import io.nicsim.nic.record.DescriptorRecord;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An application's receive buffer (a socket's, a loop's queue): a bounded single-producer single-consumer ring
 * of preallocated {@link Packet} slots. The driver's thread offers, one application thread takes; nothing is
 * allocated and no lock is taken. The tail is published with a full fence so that a consumer announcing it
 * parks and a producer checking that announcement never miss each other (see {@link Waiter}).
 */
public final class Mailbox {

    private final Packet[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private long cachedHead;

    /** @param minSlots capacity, rounded up to a power of two */
    public Mailbox(int minSlots) {
        int capacity = Integer.highestOneBit(Math.max(1, minSlots - 1)) << 1;
        capacity = minSlots == 1 ? 1 : capacity;
        slots = new Packet[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Packet();
        }
        mask = capacity - 1;
    }

    /** @return the number of slots */
    public int capacity() {
        return slots.length;
    }

    /**
     * Producer: copies the packet in.
     *
     * @return false if the buffer is full (the packet is not taken)
     */
    public boolean offer(DescriptorRecord descriptor, long raisedNanos, long deliveredNanos, long dispatchedNanos) {
        long t = tail.get();
        if (t - cachedHead >= slots.length) {
            cachedHead = head.get();
            if (t - cachedHead >= slots.length) {
                return false;
            }
        }
        slots[(int) (t & mask)].set(descriptor, raisedNanos, deliveredNanos, dispatchedNanos);
        tail.set(t + 1);
        return true;
    }

    /** Consumer: the oldest packet, left in place until {@link #advance()}, or null if empty. */
    public Packet peek() {
        long h = head.get();
        return h == tail.get() ? null : slots[(int) (h & mask)];
    }

    /** Consumer: frees the slot {@link #peek()} returned. */
    public void advance() {
        head.lazySet(head.get() + 1);
    }

    /** @return whether nothing waits (exact from the consumer's thread; a snapshot from others) */
    public boolean isEmpty() {
        return head.get() == tail.get();
    }
}
