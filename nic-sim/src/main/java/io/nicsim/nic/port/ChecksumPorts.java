package io.nicsim.nic.port;

import io.nicsim.nic.record.DoorbellRecord;

/**
 * The device's three ports in memory, for measuring and checking the engine alone in virtual time: descriptors and
 * interrupts are counted and every field folded into a checksum (two runs of the same schedule give the same
 * checksum), and, if asked, the doorbell source re-arms the interrupt after each one as a NAPI host that polled
 * everything at once would ({@code consumed} = the interrupt's last packet, rung at the interrupt's time).
 * One thread; nothing allocated per descriptor, interrupt or doorbell.
 */
public final class ChecksumPorts implements DescriptorSink, InterruptSink, DoorbellSource {

    private static final int REARMS = 1024;
    private static final int REARMS_MASK = REARMS - 1;
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final long K1 = 0xBF58476D1CE4E5B9L;
    private static final long K2 = 0x94D049BB133111EBL;
    private static final long K3 = 0xD6E8FEB86659FD93L;
    private static final long K4 = 0xC2B2AE3D27D4EB4FL;
    private static final long K5 = 0x165667B19E3779F9L;

    private final boolean rearm;
    private final int[] rearmQueue = new int[REARMS];
    private final long[] rearmConsumed = new long[REARMS];
    private final long[] rearmNanos = new long[REARMS];
    private long rearmHead;
    private long rearmTail;
    private long rearmSequence;
    private final DoorbellRecord doorbell = new DoorbellRecord();

    private long descriptors;
    private long bursts;
    private long interrupts;
    private long checksum;
    private long lastWrittenNanos;

    /** @param rearmAfterInterrupt whether each interrupt is answered by a re-arm doorbell at its raise time */
    public ChecksumPorts(boolean rearmAfterInterrupt) {
        this.rearm = rearmAfterInterrupt;
    }

    private void fold(long value) {
        checksum = (checksum ^ value) * MIX;
    }

    @Override
    public void add(int queue, long packetId, int flow, int frameBytes, int trafficClass, long intendedNanos,
                    long injectedNanos, long detectedNanos, long writtenNanos) {
        descriptors++;
        lastWrittenNanos = writtenNanos;
        // each field weighted by its own odd constant (independent multiplies), then one mix into the running sum
        fold((((long) queue << 48) ^ ((long) trafficClass << 40) ^ ((long) flow << 20) ^ frameBytes)
                + packetId * K1 + intendedNanos * K2 + injectedNanos * K3 + detectedNanos * K4 + writtenNanos * K5);
    }

    /** Folds the write-back stamp in; with bursts of one it equals the descriptor's written stamp. */
    @Override
    public void writeBack(long writtenBackNanos) {
        bursts++;
        fold(writtenBackNanos * K3);
    }

    @Override
    public void raise(int vector, long sequence, long firstPacketId, long lastPacketId, long raisedNanos) {
        interrupts++;
        fold(vector + sequence * K1 + firstPacketId * K2 + lastPacketId * K3 + raisedNanos * K4);
        if (rearm && rearmTail - rearmHead < REARMS) {
            int slot = (int) (rearmTail++ & REARMS_MASK);
            rearmQueue[slot] = vector;
            rearmConsumed[slot] = lastPacketId;
            rearmNanos[slot] = raisedNanos;
        }
    }

    @Override
    public DoorbellRecord poll() {
        if (rearmHead == rearmTail) {
            return null;
        }
        int slot = (int) (rearmHead++ & REARMS_MASK);
        doorbell.queue = rearmQueue[slot];
        doorbell.sequence = rearmSequence++;
        doorbell.kind = DoorbellRecord.REARM;
        doorbell.consumedPacketId = rearmConsumed[slot];
        doorbell.writtenNanos = rearmNanos[slot];
        return doorbell;
    }

    /** @return descriptors written so far */
    public long descriptors() {
        return descriptors;
    }

    /** @return write-back calls so far (one per burst written back, empty ones included) */
    public long bursts() {
        return bursts;
    }

    /** @return interrupts raised so far */
    public long interrupts() {
        return interrupts;
    }

    /** @return every field of every descriptor and interrupt so far, folded in order */
    public long checksum() {
        return checksum;
    }

    /** @return the written stamp of the last descriptor (model time) */
    public long lastWrittenNanos() {
        return lastWrittenNanos;
    }

    @Override
    public void close() {
        // nothing held
    }
}
