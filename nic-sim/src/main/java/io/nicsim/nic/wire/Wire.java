package io.nicsim.nic.wire;

import io.nicsim.nic.traffic.LiveSource;
import io.nicsim.nic.traffic.TrafficSource;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The link into the NIC: names when the next packet of the traffic schedule has arrived (its due time, model time)
 * and moves it into the {@link MacFifo} with that arrival stamp ({@code injected}), so a device that fell behind
 * still gives each packet the arrival a device never late would have (docs/semantics.md#device-time). With a link
 * speed ({@link LinkTiming}) a packet is due when its last bit has arrived, never faster than line rate. A
 * {@link LiveSource} is polled on every turn instead of drawn ahead, and opened and closed with the wire. Device
 * thread only, except the published counters.
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

    /** Returned by {@link #nextDueNanos()} when no packet is known to be due. */
    public static final long NO_ARRIVAL = Long.MAX_VALUE;

    /**
     * @return when the next packet has fully arrived (model time), drawing it from a schedule if needed; a live
     *         source is not polled here ({@link #pollLive()} does, once per device turn); {@link #NO_ARRIVAL} if
     *         none is known
     */
    public long nextDueNanos() {
        if (aheadCount == 0) {
            if (sourceDone || live != null) {
                return NO_ARRIVAL;
            }
            drawOne();
            if (aheadCount == 0) {
                return NO_ARRIVAL;
            }
        }
        return startNanos + aheadDueNanos[aheadHead];
    }

    /**
     * Moves the next packet into the MAC, arrived at {@code injectedNanos} (model time: its due time, or later if the
     * MAC was full when it was due). Call only when {@link #nextDueNanos()} named one and the MAC has room.
     */
    public void injectNext(long injectedNanos) {
        long intendedNanos = startNanos + aheadOffsetNanos[aheadHead];
        mac.push(nextPacketId++, intendedNanos, injectedNanos, aheadFlow[aheadHead], aheadFrameBytes[aheadHead]);
        aheadHead = (aheadHead + 1) & LOOKAHEAD_MASK;
        aheadCount--;
        injected.lazySet(nextPacketId);
        if (aheadCount == 0 && sourceDone) {
            exhaustedPublished = true;
        }
    }

    /** Polls a live source once (one system call): what it read becomes due. Does nothing for a schedule. */
    public void pollLive() {
        if (live != null && aheadCount < LOOKAHEAD && !sourceDone) {
            drawOne();
        }
    }

    /** An idle turn: draws one arrival of a schedule ahead, so a due packet later waits for no draw. */
    public void drawAhead() {
        if (live == null && aheadCount < LOOKAHEAD && !sourceDone) {
            drawOne();
        }
    }

    /**
     * Injects every packet due by {@code nowNanos} that fits into the MAC FIFO, each at its due time (model time; one
     * that found the MAC full gets in at {@code nowNanos}); a turn that injects nothing draws one arrival ahead.
     *
     * @return the number of packets injected
     */
    public int inject(long nowNanos) {
        pollLive();
        int count = 0;
        long due;
        while ((due = nextDueNanos()) <= nowNanos) {
            if (mac.isFull()) {
                blocked = true;
                break;
            }
            injectNext(blocked ? Math.max(due, nowNanos) : due);
            blocked = false;
            count++;
        }
        if (count == 0) {
            drawAhead();
        }
        return count;
    }

    /** Whether the head packet was due while the MAC was full (it then arrives when it gets in). */
    private boolean blocked;

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
