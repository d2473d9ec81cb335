package io.nicsim.nic.wire;

/**
 * The MAC's receive FIFO: packets that arrived on the wire and wait for the firmware to poll them.
 * A power-of-two ring of primitive columns, owned by the device thread; no allocation, no locks.
 */
public final class MacFifo {

    /** The largest capacity: the largest power of two an int holds. */
    public static final int MAX_CAPACITY_SLOTS = 1 << 30;

    private final int mask;
    private final long[] packetId;
    private final long[] intendedNanos;
    private final long[] injectedNanos;
    private final int[] flow;
    private final int[] frameBytes;
    private long head;
    private long tail;

    /** @param capacitySlots rounded up to a power of two */
    public MacFifo(int capacitySlots) {
        if (capacitySlots < 1 || capacitySlots > MAX_CAPACITY_SLOTS) {
            throw new IllegalArgumentException("capacitySlots must be in [1, " + MAX_CAPACITY_SLOTS + "], got "
                    + capacitySlots);
        }
        int size = Integer.highestOneBit(capacitySlots);
        if (size < capacitySlots) {
            size <<= 1;
        }
        mask = size - 1;
        packetId = new long[size];
        intendedNanos = new long[size];
        injectedNanos = new long[size];
        flow = new int[size];
        frameBytes = new int[size];
    }

    public int capacitySlots() {
        return mask + 1;
    }

    public int size() {
        return (int) (tail - head);
    }

    public boolean isEmpty() {
        return head == tail;
    }

    public boolean isFull() {
        return tail - head > mask;
    }

    /** Appends a packet; the caller checks {@link #isFull()} first. */
    public void push(long id, long intended, long injected, int flowNumber, int bytes) {
        int slot = (int) (tail & mask);
        packetId[slot] = id;
        intendedNanos[slot] = intended;
        injectedNanos[slot] = injected;
        flow[slot] = flowNumber;
        frameBytes[slot] = bytes;
        tail++;
    }

    // Accessors for the oldest packet; valid while !isEmpty().

    public long headPacketId() {
        return packetId[(int) (head & mask)];
    }

    public long headIntendedNanos() {
        return intendedNanos[(int) (head & mask)];
    }

    public long headInjectedNanos() {
        return injectedNanos[(int) (head & mask)];
    }

    public int headFlow() {
        return flow[(int) (head & mask)];
    }

    public int headFrameBytes() {
        return frameBytes[(int) (head & mask)];
    }

    /** Removes the oldest packet. */
    public void pop() {
        head++;
    }
}
