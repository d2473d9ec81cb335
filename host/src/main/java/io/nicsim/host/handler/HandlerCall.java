package io.nicsim.host.handler;

import io.nicsim.handler.Completion;
import io.nicsim.host.measure.Packet;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Promise;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One caller's reusable state for one packet at a time: a thread's own (a base consumer's thread, a flow's thread, a
 * pool thread, an event loop's inline calls) or a slot of a {@link CallPool} (a packet waiting for its completion on
 * an event loop, a virtual thread's packet). It holds the packet ({@link #holder()}), the view the handler reads, the
 * {@link Completion} it completes, its costs, and the call's state, which decides once and for all whether a packet
 * was handled, failed, or given up on when the run stopped waiting (compare-and-set: a late completion or a stuck
 * thread's return changes nothing). Made by {@link Handling}; nothing allocated per packet.
 */
public final class HandlerCall {

    static final int IDLE = 0;
    static final int IN = 1;
    static final int COMPLETED = 2;
    static final int FAILED = 3;
    static final int CLOSED = 4;
    static final int ABANDONED = 5;

    final Packet holder = new Packet();
    final HandlerPacket view;
    final CallCosts costs = new CallCosts();
    final CallCompletion completion = new CallCompletion();
    final AtomicInteger state = new AtomicInteger(IDLE);
    private final Handling handling;
    private final CallPool pool;
    private final int index;

    // The call in progress: written by the caller before it enters (the state's compare-and-set publishes them).
    Thread owner;
    boolean async;
    boolean awaited;
    /** Whether the owner waits for a completion by parking (else by a Vert.x await, or not at all). */
    boolean parks;
    long wokenNanos;
    long startNanos;
    Packet packet;
    Throwable failure;
    volatile long handledNanos;
    volatile Promise<Void> awaiting;

    HandlerCall(Handling handling, CallPool pool, int index) {
        this.handling = handling;
        this.pool = pool;
        this.index = index;
        this.view = new HandlerPacket(handling.tuples());
    }

    /** @return the packet holder of this call, for a caller that copies its packet in (a slot) */
    public Packet holder() {
        return holder;
    }

    /** @return its place in its pool (0 for a thread's own call) */
    public int index() {
        return index;
    }

    CallPool pool() {
        return pool;
    }

    /** Enters a call; @return false if the run already stopped waiting (the call must not happen) */
    boolean enter() {
        return state.compareAndSet(IDLE, IN);
    }

    /** Leaves a call that returned; @return false if the run gave up on it meanwhile (nothing to record) */
    boolean exit() {
        return state.compareAndSet(IN, IDLE);
    }

    /** Wakes the caller waiting for this call's completion, the way it waits. */
    void wakeOwner() {
        Promise<Void> promise = awaiting;
        if (promise != null) {
            promise.tryComplete();
        } else if (parks && owner != null) {
            LockSupport.unpark(owner);
        }
    }

    /**
     * The {@link Completion} of this call, reused for every packet: also a Vert.x timer handler and a scheduler task,
     * so that {@link io.nicsim.handler.HandlerContext#completeAfter} allocates nothing of its own.
     */
    final class CallCompletion implements Completion, Handler<AsyncResult<Void>>, Runnable {

        @Override
        public void complete() {
            handling.completed(HandlerCall.this);
        }

        @Override
        public void fail(Throwable error) {
            handling.failed(HandlerCall.this, error == null ? new NullPointerException("fail(null)") : error);
        }

        @Override
        public void handle(AsyncResult<Void> timer) {
            complete();
        }

        @Override
        public void run() {
            complete();
        }
    }
}
