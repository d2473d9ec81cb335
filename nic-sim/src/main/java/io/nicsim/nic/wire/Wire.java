package io.nicsim.nic.wire;

import io.nicsim.nic.traffic.LiveSource;
import io.nicsim.nic.traffic.TrafficSource;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The link into the NIC: at each turn it moves every packet whose intended arrival time has come from the
 * traffic schedule into the {@link MacFifo}, stamping when that actually happened ({@code injected}).
 * When the device thread falls behind, packets are injected late but keep their intended time, so latency
 * measured from the intended time stays free of coordinated omission. With a link speed ({@link LinkTiming}) a
 * packet is due when its last bit has arrived, never faster than line rate. A {@link LiveSource} is polled on
 * every turn instead of drawn ahead, and opened and closed with the wire. Device thread only, except the
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
    private final LiveSource live;
    private final MacFifo mac;
    private final LinkTiming link;
    private final long[] aheadOffsetNanos = new long[LOOKAHEAD];
    /** When each packet ahead has fully arrived (its offset on an unlimited link). */
    private final long[] aheadDueNanos = new long[LOOKAHEAD];
    private final int[] aheadFlow = new int[LOOKAHEAD];
    private final int[] aheadFrameBytes = new int[LOOKAHEAD];
    private int aheadHead;
    private int aheadCount;
    private boolean sourceDone;
    private long startNanos;
    private long nextPacketId;
    private final AtomicLong injected = new AtomicLong();
    private volatile boolean exhaustedPublished;

    /** A wire with an unlimited link: packets arrive at their intended time. */
    public Wire(TrafficSource source, MacFifo mac) {
        this(source, mac, new LinkTiming(0));
    }

    public Wire(TrafficSource source, MacFifo mac, LinkTiming link) {
        this.source = source;
        this.live = source instanceof LiveSource l ? l : null;
        this.mac = mac;
        this.link = link;
    }

    /**
     * Sets time zero of the schedule and opens a live source; call before the first {@link #inject(long)}.
     *
     * @throws IllegalStateException naming the key if a live source cannot open
     */
    public void start(long startNanos) {
        this.startNanos = startNanos;
        if (live != null) {
            live.start(startNanos);
            return; // nothing to draw ahead: its packets have not arrived
        }
        while (aheadCount < LOOKAHEAD && !sourceDone) {
            drawOne();
        }
    }

    /** Draws the next arrival from the source into the lookahead; notes the end of the schedule. */
    private void drawOne() {
        if (!source.next()) {
            if (live == null || live.ended()) {
                sourceDone = true;
                if (aheadCount == 0) {
                    exhaustedPublished = true;
                }
            }
            return;
        }
        int slot = (aheadHead + aheadCount) & LOOKAHEAD_MASK;
        long offset = source.offsetNanos();
        int frameBytes = source.frameBytes();
        aheadOffsetNanos[slot] = offset;
        aheadDueNanos[slot] = link.arrivalOffsetNanos(offset, frameBytes);
        aheadFlow[slot] = source.flow();
        aheadFrameBytes[slot] = frameBytes;
        aheadCount++;
    }

    /**
     * Injects every due packet that fits into the MAC FIFO; a turn that injects nothing draws one arrival ahead.
     *
     * @return the number of packets injected
     */
    public int inject(long nowNanos) {
        int count = 0;
        boolean drew = false;
        while (true) {
            if (aheadCount == 0) {
                if (sourceDone) {
                    break;
                }
                drawOne(); // a burst used up the lookahead: draw on the way
                drew = true;
                if (aheadCount == 0) {
                    break;
                }
            }
            if (startNanos + aheadDueNanos[aheadHead] > nowNanos || mac.isFull()) {
                break;
            }
            long intendedNanos = startNanos + aheadOffsetNanos[aheadHead];
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
        } else if (aheadCount < LOOKAHEAD && !sourceDone && !(drew && live != null)) {
            drawOne(); // (a live source was polled once this turn already: one system call per turn is enough)
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
     * Counts the packets that were due by {@code stopNanos} but never injected because the device stopped (their
     * intended time had come, whether or not the link had delivered them). Consumes the rest of the schedule; for
     * a live source, only what it had already read. Call only after the device thread has stopped.
     */
    public long countDueNotInjected(long stopNanos) {
        long count = 0;
        while (true) {
            if (aheadCount == 0) {
                if (sourceDone || live != null) {
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

    /** Closes a live source (a schedule has nothing to close); call when the device stops. */
    public void close() {
        if (live != null) {
            live.close();
        }
    }

    /** @return the source the wire plays */
    public TrafficSource source() {
        return source;
    }
}
