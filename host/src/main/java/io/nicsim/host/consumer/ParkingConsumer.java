package io.nicsim.host.consumer;

import io.nicsim.host.rx.RxQueue;

import java.util.concurrent.CountDownLatch;

/**
 * One thread that parks until an interrupt wakes it, then runs the driver policy (poll, poll again, sleep on a
 * timer, re-arm and park). With a platform thread, each wake-up is an OS context switch (futex wake, scheduler
 * latency) but the core is free while it waits; with a virtual thread the JVM's scheduler mounts it on a
 * carrier instead, cheaper in memory per waiter but a second scheduler on top of the OS one (the
 * OS-threads vs green-threads trade-off).
 *
 * <p>It waits through a {@link ParkWait} (the wake-up protocol and timed sleeps are there) and runs the policy in a
 * {@link DriverLoop}.
 */
public final class ParkingConsumer implements Consumer {

    /** Names in scenario files and output. */
    public static final String PLATFORM = "platform-thread";
    public static final String VIRTUAL = "virtual-thread";

    /** Timed sleeps shorter than this spin instead of parking. */
    public static final long SPIN_BELOW_NANOS = 10_000;

    private final String name;
    private final Thread.Builder builder;
    private final ConsumerContext context;
    private final ParkWait wait;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile Throwable failure;
    private Thread thread;

    private ParkingConsumer(String name, Thread.Builder builder, ConsumerContext context) {
        this.name = name;
        this.builder = builder;
        this.context = context;
        this.wait = new ParkWait(context.clock());
    }

    /** A platform (OS) thread that parks. */
    public static ParkingConsumer platform(ConsumerContext context) {
        return new ParkingConsumer(PLATFORM, Thread.ofPlatform().name("nicsim-" + PLATFORM).daemon(true), context);
    }

    /** A virtual thread that parks. */
    public static ParkingConsumer virtual(ConsumerContext context) {
        return new ParkingConsumer(VIRTUAL, Thread.ofVirtual().name("nicsim-" + VIRTUAL), context);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String waitsBy() {
        return "park";
    }

    @Override
    public String threadName() {
        return "nicsim-" + name;
    }

    @Override
    public java.util.List<String> costThreadPrefixes() {
        // a virtual thread runs on the default scheduler's carrier threads, ForkJoinPool-N-worker-M
        return name.equals(VIRTUAL) ? java.util.List.of("ForkJoinPool-") : java.util.List.of(threadName());
    }

    @Override
    public String whyNoOwnThread() {
        return name.equals(VIRTUAL) ? "virtual threads run on carriers" : null;
    }

    @Override
    public void start() throws InterruptedException {
        start(NO_TASK);
    }

    @Override
    public void start(Runnable onOwnThread) throws InterruptedException {
        Runnable first = whyNoOwnThread() == null ? onOwnThread : NO_TASK; // never on a carrier
        thread = builder.start(() -> run(first));
        ready.await();
    }

    private void run(Runnable first) {
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

    @Override
    public void onInterrupt() {
        wait.signal();
    }

    @Override
    public void stop() throws InterruptedException {
        wait.stop();
        StopWait.join(context.handling(), thread);
        ConsumerFailure.rethrow(name, failure);
    }
}
