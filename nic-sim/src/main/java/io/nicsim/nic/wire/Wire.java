package io.nicsim.nic.wire;

import io.nicsim.nic.traffic.TrafficSource;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The link into the NIC: at each turn it moves every packet whose intended arrival time has come from the
 * traffic schedule into the {@link MacFifo}, stamping when that actually happened ({@code injected}).
 * When the device thread falls behind, packets are injected late but keep their intended time, so latency
 * measured from the intended time stays free of coordinated omission. Device thread only, except the
 * published counters.
 */
public final class Wire {

    /**
     * Arrivals computed ahead of time: drawing the next arrival (a logarithm and a random number for Poisson
     * traffic) is done in the device's idle turns, one per turn, so a due packet goes into the MAC without
     * waiting for the draw of the one after it (measured: about 30 ns off each packet's way to the host).
     */
    static final int LOOKAHEAD = 32;
    private static final int LOOKAHEAD_MASK = LOOKAHEAD - 1;

    private final TrafficSource source;
    private final MacFifo mac;
    private final long[] aheadOffsetNanos = new long[LOOKAHEAD];
    private final int[] aheadFlow = new int[LOOKAHEAD];
    private final int[] aheadFrameBytes = new int[LOOKAHEAD];
    private int aheadHead;
    private int aheadCount;
    private boolean sourceDone;
    private long startNanos;
    private long nextPacketId;
    private final AtomicLong injected = new AtomicLong();
    private volatile boolean exhaustedPublished;

    public Wire(TrafficSource source, MacFifo mac) {
        this.source = source;
        this.mac = mac;
    }

    /** Sets time zero of the schedule; call before the first {@link #inject(long)}. */
    public void start(long startNanos) {
        this.startNanos = startNanos;
        while (aheadCount < LOOKAHEAD && !sourceDone) {
            drawOne();
        }
    }

    /** Draws the next arrival from the source into the lookahead; notes the end of the schedule. */
    private void drawOne() {
        if (!source.next()) {
            sourceDone = true;
            if (aheadCount == 0) {
                exhaustedPublished = true;
            }
            return;
        }
        int slot = (aheadHead + aheadCount) & LOOKAHEAD_MASK;
        aheadOffsetNanos[slot] = source.offsetNanos();
        aheadFlow[slot] = source.flow();
        aheadFrameBytes[slot] = source.frameBytes();
        aheadCount++;
    }

    /**
     * Injects every due packet that fits into the MAC FIFO; a turn that injects nothing draws one arrival ahead.
     *
     * @return the number of packets injected
     */
    public int inject(long nowNanos) {
        int count = 0;
        while (true) {
            if (aheadCount == 0) {
                if (sourceDone) {
                    break;
                }
                drawOne(); // a burst used up the lookahead: draw on the way
                if (aheadCount == 0) {
                    break;
                }
            }
            long intendedNanos = startNanos + aheadOffsetNanos[aheadHead];
            if (intendedNanos > nowNanos || mac.isFull()) {
                break;
            }
            mac.push(nextPacketId++, intendedNanos, nowNanos, aheadFlow[aheadHead], aheadFrameBytes[aheadHead]);
            aheadHead = (aheadHead + 1) & LOOKAHEAD_MASK;
            aheadCount--;
            count++;
        }
        if (count > 0) {
            injected.lazySet(nextPacketId);
            if (aheadCount == 0 && sourceDone) {
                exhaustedPublished = true;
            }
        } else if (aheadCount < LOOKAHEAD && !sourceDone) {
            drawOne();
        }
        return count;
    }

    /** @return packets injected so far (any thread) */
    public long injectedPackets() {
        return injected.get();
    }

    /** @return true once every scheduled packet has been injected (any thread) */
    public boolean isExhausted() {
        return exhaustedPublished;
    }

    /**
     * Counts the packets that were due by {@code stopNanos} but never injected because the device stopped.
     * Consumes the rest of the schedule; call only after the device thread has stopped.
     */
    public long countDueNotInjected(long stopNanos) {
        long count = 0;
        while (true) {
            if (aheadCount == 0) {
                if (sourceDone) {
                    break;
                }
                drawOne();
                if (aheadCount == 0) {
                    break;
                }
            }
            if (startNanos + aheadOffsetNanos[aheadHead] > stopNanos) {
                break;
            }
            aheadHead = (aheadHead + 1) & LOOKAHEAD_MASK;
            aheadCount--;
            count++;
        }
        return count;
    }
}
