package io.nicsim.bench.perf;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a paced sender and a busy-spinning receiver on two platform threads, the shape of nicsim's device
 * thread and busy-poll consumer: the receiver starts first and opens its side, then the schedule's time zero
 * is set {@link #START_LEAD_NANOS} ahead (as nicsim's runner does, so no packet is born late) and both run.
 * The receiver stops when it has every packet, or when told to after the drain timeout.
 */
final class PacedThreads {

    /** Time between releasing the threads and the first intended send, as {@code ConsumerRun} leaves. */
    static final long START_LEAD_NANOS = 20_000_000L;
    /** How long the receiver may take after the last send before the missing packets count as lost. */
    static final long DRAIN_TIMEOUT_NANOS = 1_000_000_000L;

    /** One side's work, given the schedule's time zero. */
    interface Side {
        void run(long startNanos) throws Exception;
    }

    /** Opens a side on its own thread (Chronicle appenders and tailers are bound to the thread that opens them). */
    interface SideFactory {
        Side open() throws Exception;
    }

    private PacedThreads() {
    }

    /**
     * @param stop set by this method when the receiver must give up; the receiver polls it while idle
     * @throws IllegalStateException if a side failed
     */
    static void run(String name, SideFactory receiverFactory, SideFactory senderFactory, StopFlag stop)
            throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        Thread receiver = start(name + "-receiver", receiverFactory, ready, go, start, failure);
        Thread sender = start(name + "-sender", senderFactory, ready, go, start, failure);
        ready.await();
        start[0] = System.nanoTime() + START_LEAD_NANOS;
        go.countDown(); // publishes start[0] to both threads
        sender.join();
        receiver.join(TimeUnit.NANOSECONDS.toMillis(DRAIN_TIMEOUT_NANOS));
        stop.stop();
        receiver.join();
        Throwable error = failure.get();
        if (error != null) {
            throw new IllegalStateException(name + " failed: " + error, error);
        }
    }

    private static Thread start(String threadName, SideFactory factory, CountDownLatch ready, CountDownLatch go,
                                long[] start, AtomicReference<Throwable> failure) {
        return Thread.ofPlatform().name(threadName).start(() -> {
            Side side = null;
            try {
                side = factory.open();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                ready.countDown();
            }
            try {
                go.await();
                if (side != null) {
                    side.run(start[0]);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        });
    }

    /** Tells a spinning receiver to give up. */
    static final class StopFlag {
        private volatile boolean stopped;

        void stop() {
            stopped = true;
        }

        boolean stopped() {
            return stopped;
        }
    }
}
