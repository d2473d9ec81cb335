package io.nicsim.host.handler;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.handler.AsyncPacketHandler;
import io.nicsim.handler.Completion;
import io.nicsim.handler.HandlerContext;
import io.nicsim.handler.Packet;
import io.nicsim.handler.PacketHandler;

import java.util.concurrent.locks.LockSupport;

/**
 * The built-in work model ({@code host.handlerWorkNanos}, {@code host.handlerBlockNanos}) as a handler of the API:
 * {@code workNanos} of CPU (a busy spin, standing in for parsing and business logic; it keeps the thread on its core,
 * as real CPU work does), then {@code blockNanos} of waiting, as a call to a slow service would (0 = none of either).
 * Called on a thread it waits the consumer's way ({@link HandlerContext#waitsBy()}: the busy-poll baseline spins,
 * other threads park); called asynchronously (event loops, virtual-thread verticles) it spins its work, then lets
 * {@link HandlerContext#completeAfter} complete it, so the loop handles other packets meanwhile. Stateless per packet:
 * one instance serves every thread of a run.
 */
public final class WorkModelHandler implements PacketHandler, AsyncPacketHandler {

    private final long workNanos;
    private final long blockNanos;
    private final NanoClock clock;
    private HandlerContext context;
    private boolean spinWhileBlocked;

    /**
     * @throws IllegalArgumentException naming the key of a negative time
     */
    public WorkModelHandler(long workNanos, long blockNanos, NanoClock clock) {
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

    /** @return the CPU work per packet */
    public long workNanos() {
        return workNanos;
    }

    /** @return the blocking wait per packet */
    public long blockNanos() {
        return blockNanos;
    }

    /** @return whether it is done when its work is (no wait): then nothing gains from calling it asynchronously */
    public boolean completesAtOnce() {
        return blockNanos == 0;
    }

    @Override
    public void open(HandlerContext handlerContext) {
        this.context = handlerContext;
        this.spinWhileBlocked = "spin".equals(handlerContext.waitsBy());
    }

    @Override
    public void handle(Packet packet) {
        work();
        if (blockNanos == 0) {
            return;
        }
        if (spinWhileBlocked) {
            spinFor(blockNanos);
        } else {
            parkFor(blockNanos);
        }
    }

    @Override
    public void handle(Packet packet, Completion completion) {
        work();
        if (blockNanos == 0) {
            completion.complete();
        } else {
            context.completeAfter(blockNanos, completion);
        }
    }

    private void work() {
        if (workNanos > 0) {
            spinFor(workNanos);
        }
    }

    /** Spins (never gives up the core). */
    private void spinFor(long nanos) {
        long endNanos = clock.nanoTime() + nanos;
        while (clock.nanoTime() < endNanos) {
            Thread.onSpinWait();
        }
    }

    /** Parks (the thread leaves its core; a virtual thread leaves its carrier), the whole time even if woken early. */
    private void parkFor(long nanos) {
        long endNanos = clock.nanoTime() + nanos;
        long remainingNanos;
        while ((remainingNanos = endNanos - clock.nanoTime()) > 0) {
            LockSupport.parkNanos(this, remainingNanos);
        }
    }
}
