package io.nicsim.host.consumer;

import io.nicsim.host.handler.Handling;

import java.util.concurrent.TimeUnit;

/**
 * How long a consumer's {@code stop()} waits for its threads. Normally as long as they take (each is done within its
 * handler's call: the built-in model's wait is finite, and once the run stopped waiting a user's handler gets no new
 * packets). When the run left a thread inside a user's handler ({@link Handling#anyThreadStuck()}), it must not hang
 * on it: {@value #STUCK_GRACE_MILLIS} ms, then an interrupt, then as long again, then the thread is left running
 * (consumer threads are daemons, so it keeps no JVM alive) and its packet stays a {@code handler-timeout}.
 */
public final class StopWait {

    /** What a consumer waits for its threads before and after interrupting them, once a thread is stuck. */
    public static final long STUCK_GRACE_MILLIS = 250;
    /** What a consumer waits for a pool or Vert.x to stop when nothing is stuck. */
    public static final long NORMAL_LIMIT_SECONDS = 30;

    private StopWait() {
    }

    /** Joins {@code threads} (nulls skipped), bounded as the class says. */
    public static void join(Handling handling, Thread... threads) throws InterruptedException {
        if (!handling.anyThreadStuck()) {
            for (Thread thread : threads) {
                if (thread != null) {
                    thread.join();
                }
            }
            return;
        }
        joinUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STUCK_GRACE_MILLIS), threads);
        for (Thread thread : threads) {
            if (thread != null && thread.isAlive()) {
                thread.interrupt();
            }
        }
        joinUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STUCK_GRACE_MILLIS), threads);
    }

    private static void joinUntil(long deadlineNanos, Thread... threads) throws InterruptedException {
        for (Thread thread : threads) {
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (thread != null && remainingNanos > 0) {
                thread.join(java.time.Duration.ofNanos(remainingNanos));
            }
        }
    }

    /** @return how long to wait for a pool's or Vert.x's threads to stop, in milliseconds */
    public static long limitMillis(Handling handling) {
        return handling.anyThreadStuck() ? 2 * STUCK_GRACE_MILLIS : TimeUnit.SECONDS.toMillis(NORMAL_LIMIT_SECONDS);
    }

    /**
     * Closes a consumer's Vert.x instance, bounded as the class says: a loop or verticle stuck in a user's handler is
     * left running (the run reports it); a close that times out with nothing stuck is an error.
     */
    public static void close(io.vertx.core.Vertx vertx, Handling handling) throws Exception {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(limitMillis(handling), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            if (!handling.anyThreadStuck()) {
                throw e;
            }
        }
    }
}
