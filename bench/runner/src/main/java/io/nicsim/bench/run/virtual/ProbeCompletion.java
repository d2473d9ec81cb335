package io.nicsim.bench.run.virtual;

import io.nicsim.handler.Completion;

import java.util.concurrent.locks.LockSupport;

/**
 * The one {@link Completion} {@link HandlerProbe} hands an asynchronous handler, re-armed for each packet: the probe's
 * thread parks in {@link #await} until the handler completes or fails it, from any thread.
 */
final class ProbeCompletion implements Completion {

    private static final int PENDING = 0;
    private static final int DONE = 1;
    private static final int FAILED = 2;

    private final Thread waiter;
    private volatile int state = DONE;
    private volatile Throwable error;

    /** @param waiter the thread that {@link #await}s */
    ProbeCompletion(Thread waiter) {
        this.waiter = waiter;
    }

    /** Makes it pending, before the handler is called with it. */
    void arm() {
        error = null;
        state = PENDING;
    }

    @Override
    public void complete() {
        state = DONE;
        LockSupport.unpark(waiter);
    }

    @Override
    public void fail(Throwable cause) {
        error = cause;
        state = FAILED;
        LockSupport.unpark(waiter);
    }

    /**
     * Parks until the handler completed or failed the packet.
     *
     * @return null if it completed, else the error it failed with
     * @throws InterruptedException if the waiting thread was interrupted (the probe gave up on the handler)
     */
    Throwable await() throws InterruptedException {
        while (state == PENDING) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                throw new InterruptedException("the probe gave up waiting for the handler's completion");
            }
        }
        if (state != FAILED) {
            return null;
        }
        Throwable cause = error;
        return cause != null ? cause : new IllegalStateException("Completion.fail(null)");
    }
}
