package io.nicsim.host.model;

import io.nicsim.nic.record.DescriptorRecord;

import java.util.Arrays;

/**
 * A FIFO of packets as columns of primitives: an RX ring's descriptors in memory, or a worker's application buffer
 * in a shape. Grows by doubling when unbounded (rarely: the arrays are reused), refuses beyond its limit otherwise.
 */
final class PacketRing {

    private final int limit;
    private long[] packetId;
    private int[] flow;
    private int[] frameBytes;
    private int[] trafficClass;
    private long[] intended;
    private long[] injected;
    private long[] detected;
    private long[] written;
    private long[] writtenBack;
    private long[] raised;
    private long[] delivered;
    private long[] handed;
    private int mask;
    private long head;
    private long tail;

    /** @param limit most packets held ({@code Integer.MAX_VALUE}: unbounded) */
    PacketRing(int limit) {
        this.limit = limit;
        allocate(1024);
    }

    private void allocate(int capacity) {
        packetId = new long[capacity];
        flow = new int[capacity];
        frameBytes = new int[capacity];
        trafficClass = new int[capacity];
        intended = new long[capacity];
        injected = new long[capacity];
        detected = new long[capacity];
        written = new long[capacity];
        writtenBack = new long[capacity];
        raised = new long[capacity];
        delivered = new long[capacity];
        handed = new long[capacity];
        mask = capacity - 1;
    }

    private void grow() {
        int size = size();
        int capacity = packetId.length;
        long[][] longs = {packetId, intended, injected, detected, written, writtenBack, raised, delivered, handed};
        int[][] ints = {flow, frameBytes, trafficClass};
        long[][] oldLongs = new long[longs.length][];
        int[][] oldInts = new int[ints.length][];
        for (int i = 0; i < longs.length; i++) {
            oldLongs[i] = longs[i];
        }
        for (int i = 0; i < ints.length; i++) {
            oldInts[i] = ints[i];
        }
        allocate(capacity * 2);
        long[][] newLongs = {packetId, intended, injected, detected, written, writtenBack, raised, delivered, handed};
        int[][] newInts = {flow, frameBytes, trafficClass};
        for (int n = 0; n < size; n++) {
            int from = (int) ((head + n) & (capacity - 1));
            for (int i = 0; i < newLongs.length; i++) {
                newLongs[i][n] = oldLongs[i][from];
            }
            for (int i = 0; i < newInts.length; i++) {
                newInts[i][n] = oldInts[i][from];
            }
        }
        tail = size;
        head = 0;
    }

    int size() {
        return (int) (tail - head);
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** @return whether it took the packet (false: at its limit) */
    boolean add(long id, int packetFlow, int bytes, int cls, long intendedNanos, long injectedNanos,
                long detectedNanos, long writtenNanos, long writtenBackNanos, long raisedNanos, long deliveredNanos,
                long handedNanos) {
        if (size() >= limit) {
            return false;
        }
        if (size() == packetId.length) {
            grow();
        }
        int slot = (int) (tail & mask);
        packetId[slot] = id;
        flow[slot] = packetFlow;
        frameBytes[slot] = bytes;
        trafficClass[slot] = cls;
        intended[slot] = intendedNanos;
        injected[slot] = injectedNanos;
        detected[slot] = detectedNanos;
        written[slot] = writtenNanos;
        writtenBack[slot] = writtenBackNanos;
        raised[slot] = raisedNanos;
        delivered[slot] = deliveredNanos;
        handed[slot] = handedNanos;
        tail++;
        return true;
    }

    /** Fills {@code into} with the head packet's descriptor fields. */
    void headInto(DescriptorRecord into) {
        int slot = (int) (head & mask);
        into.packetId = packetId[slot];
        into.flow = flow[slot];
        into.frameBytes = frameBytes[slot];
        into.trafficClass = trafficClass[slot];
        into.intendedNanos = intended[slot];
        into.injectedNanos = injected[slot];
        into.detectedNanos = detected[slot];
        into.writtenNanos = written[slot];
        into.writtenBackNanos = writtenBack[slot];
        into.queue = 0;
    }

    int headFlow() {
        return flow[(int) (head & mask)];
    }

    long headWritten() {
        return written[(int) (head & mask)];
    }

    long headWrittenBack() {
        return writtenBack[(int) (head & mask)];
    }

    long headRaised() {
        return raised[(int) (head & mask)];
    }

    long headDelivered() {
        return delivered[(int) (head & mask)];
    }

    long headHanded() {
        return handed[(int) (head & mask)];
    }

    void pop() {
        head++;
    }

    @Override
    public String toString() {
        return "PacketRing" + Arrays.toString(new long[] {head, tail});
    }
}
