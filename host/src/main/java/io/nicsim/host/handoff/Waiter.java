package io.nicsim.host.handoff;

import java.util.concurrent.locks.LockSupport;

/**
 * A thread waiting for its {@link Mailbox}, woken by the driver without a lost wake-up: the waiter announces it
 * parks, then re-checks the mailbox; the producer publishes (full fence), then unparks if the waiter announced
 * (Dekker-style, both sides volatile). An unpark costs a futex wake for a platform thread and a scheduler
 * submission for a virtual one; a waiter that is running costs the producer one volatile read.
 */
public final class Waiter {

    private volatile boolean parked;
    private volatile boolean running = true;
    private volatile Thread thread;

    /** Binds the waiter to the calling thread; call first thing on it. */
    public void bind() {
        thread = Thread.currentThread();
    }

    /** Waiter thread: parks until {@code mailbox} has a packet or {@link #stop()}. */
    public void awaitPacket(Mailbox mailbox) {
        parked = true;
        if (mailbox.isEmpty() && running) {
            LockSupport.park(this);
        }
        parked = false;
    }

    /** Producer: wakes the waiter if it is parked (after the packet was published). */
    public void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** @return false once stopped */
    public boolean running() {
        return running;
    }

    /** Any thread: stop waiting. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
