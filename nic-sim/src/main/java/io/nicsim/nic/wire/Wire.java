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

    private final TrafficSource source;
    private final MacFifo mac;
    private long startNanos;
    private boolean hasPending;
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
        advance();
    }

    private void advance() {
        hasPending = source.next();
        if (!hasPending) {
            exhaustedPublished = true;
        }
    }

    /**
     * Injects every due packet that fits into the MAC FIFO.
     *
     * @return the number of packets injected
     */
    public int inject(long nowNanos) {
        int count = 0;
        while (hasPending && startNanos + source.offsetNanos() <= nowNanos && !mac.isFull()) {
            mac.push(nextPacketId++, startNanos + source.offsetNanos(), nowNanos, source.flow(), source.frameBytes());
            count++;
            advance();
        }
        if (count > 0) {
            injected.lazySet(nextPacketId);
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
        while (hasPending && startNanos + source.offsetNanos() <= stopNanos) {
            count++;
            advance();
        }
        return count;
    }
}
