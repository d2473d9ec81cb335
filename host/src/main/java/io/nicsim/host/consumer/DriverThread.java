package io.nicsim.host.consumer;

import io.nicsim.host.rx.RxQueue;

import java.util.concurrent.CountDownLatch;

/**
 * What a consumer that is one thread running the driver policy ({@link DriverLoop}) over a {@link SignalWait} has
 * whatever the wait: its names, which threads its costs are read from, the thread's start (once its queue is open)
 * and its failure. {@link ParkingConsumer} waits in a park, {@link EpollConsumer} in {@code epoll_wait}.
 */
abstract class DriverThread implements Consumer {

    private final String name;
    private final boolean virtual;
    private final Thread.Builder builder;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Throwable failure;
    private Thread thread;

    /** @param virtual whether {@code builder} makes virtual threads (they run on the scheduler's carriers) */
    DriverThread(String name, boolean virtual, Thread.Builder builder) {
        this.name = name;
        this.virtual = virtual;
        this.builder = builder;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String threadName() {
        return "nicsim-" + name;
    }

    @Override
    public final java.util.List<String> costThreadPrefixes() {
        // a virtual thread runs on the default scheduler's carrier threads, ForkJoinPool-N-worker-M
        return virtual ? java.util.List.of("ForkJoinPool-") : java.util.List.of(threadName());
    }

    @Override
    public final String whyNoOwnThread() {
        return virtual ? "virtual threads run on carriers" : null;
    }

    /**
     * Starts the thread and returns once its queue is open (or it failed): it binds {@code wait}, runs
     * {@code onOwnThread} (not on a carrier), then the driver policy until the wait stops.
     */
    final void startThread(Runnable onOwnThread, SignalWait wait, ConsumerContext context)
            throws InterruptedException {
        Runnable first = whyNoOwnThread() == null ? onOwnThread : NO_TASK; // never on a carrier
        thread = builder.start(() -> run(first, wait, context));
        ready.await();
    }

    private void run(Runnable first, SignalWait wait, ConsumerContext context) {
        try {
            wait.bind();
            first.run();
            try (RxQueue rx = context.openQueue()) {
                ready.countDown();
                DriverLoop.run(rx, context.driver(), wait, context.clock());
            }
        } catch (Throwable t) {
            failure = t;
            ready.countDown();
        }
    }

    /** @return the thread, or null before {@link #startThread} */
    final Thread thread() {
        return thread;
    }

    /** Rethrows what ended the thread, if anything did. */
    final void rethrowFailure() {
        ConsumerFailure.rethrow(name, failure);
    }
}
