package io.nicsim.host.consumer;

import io.nicsim.host.rx.RxQueue;

import java.util.concurrent.CountDownLatch;

/**
 * A platform thread spinning on the descriptor ring, ignoring interrupts and the driver policy: the
 * "perfect solution" and the floor every other consumer is compared with, bought with a whole core at 100%
 * even when idle (DPDK's poll-mode driver, docs/semantics.md#polling).
 */
public final class BusyPollConsumer implements Consumer {

    /** Name in scenario files and output. */
    public static final String NAME = "busy-poll";
    private static final String THREAD_NAME = "nicsim-" + NAME;

    private final ConsumerContext context;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Thread thread;

    public BusyPollConsumer(ConsumerContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String waitsBy() {
        return "spin";
    }

    @Override
    public String threadName() {
        return THREAD_NAME;
    }

    @Override
    public String whyNoOwnThread() {
        return null;
    }

    @Override
    public void start() throws InterruptedException {
        start(NO_TASK);
    }

    @Override
    public void start(Runnable onOwnThread) throws InterruptedException {
        thread = Thread.ofPlatform().name(THREAD_NAME).daemon(true).start(() -> run(onOwnThread));
        ready.await();
    }

    private void run(Runnable onOwnThread) {
        try {
            onOwnThread.run();
            try (RxQueue rx = context.openQueue()) { // the handler's setting says this thread spins
                ready.countDown();
                while (running) {
                    if (rx.poll(Integer.MAX_VALUE, RxQueue.NOT_WOKEN) == 0) {
                        Thread.onSpinWait();
                    }
                }
            }
        } catch (Throwable t) {
            failure = t;
            ready.countDown();
        }
    }

    @Override
    public void onInterrupt() {
        // The spinning consumer never sleeps, so it needs no wake-up.
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        StopWait.join(context.handling(), thread);
        ConsumerFailure.rethrow(NAME, failure);
    }
}
