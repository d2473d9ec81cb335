package io.nicsim.host.rx;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.nic.record.DescriptorRecord;

import java.util.concurrent.locks.LockSupport;

/**
 * The application's work per packet: {@code workNanos} of CPU (a busy spin, standing in for parsing and
 * business logic; it keeps the thread on its core, as real CPU work does), then {@code blockNanos} of waiting,
 * as a call to a slow service would (0 = none of either). How the wait is spent is the consumer's way of
 * waiting: a thread parks ({@link #parkBlocked()}), a thread that never sleeps spins ({@link #spinBlocked()}),
 * an event loop sets a timer and handles other packets meanwhile.
 */
public final class PacketHandler {

    private final long workNanos;
    private final long blockNanos;
    private final NanoClock clock;

    /** A handler with CPU work only. */
    public PacketHandler(long workNanos, NanoClock clock) {
        this(workNanos, 0, clock);
    }

    public PacketHandler(long workNanos, long blockNanos, NanoClock clock) {
        if (workNanos < 0) {
            throw new IllegalArgumentException("host.handlerWorkNanos must be >= 0, got " + workNanos);
        }
        if (blockNanos < 0) {
            throw new IllegalArgumentException("host.handlerBlockNanos must be >= 0, got " + blockNanos);
        }
        this.workNanos = workNanos;
        this.blockNanos = blockNanos;
        this.clock = clock;
    }

    /** @return the blocking wait per packet */
    public long blockNanos() {
        return blockNanos;
    }

    /** The blocking wait, parked (the thread leaves its core; a virtual thread leaves its carrier). */
    public void parkBlocked() {
        if (blockNanos == 0) {
            return;
        }
        long endNanos = clock.nanoTime() + blockNanos;
        long remainingNanos;
        while ((remainingNanos = endNanos - clock.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remainingNanos);
        }
    }

    /** The blocking wait, spun (a thread that never gives up its core). */
    public void spinBlocked() {
        if (blockNanos == 0) {
            return;
        }
        long endNanos = clock.nanoTime() + blockNanos;
        while (clock.nanoTime() < endNanos) {
            Thread.onSpinWait();
        }
    }

    /** Does one packet's CPU work and returns when it is done (the blocking wait is separate). */
    public void handle(DescriptorRecord descriptor) {
        work();
    }

    /** Does one packet's CPU work and returns when it is done. */
    public void work() {
        if (workNanos == 0) {
            return;
        }
        long endNanos = clock.nanoTime() + workNanos;
        while (clock.nanoTime() < endNanos) {
            Thread.onSpinWait();
        }
    }
}
