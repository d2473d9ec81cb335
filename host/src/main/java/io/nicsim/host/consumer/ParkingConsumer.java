package io.nicsim.host.consumer;

import io.nicsim.host.rx.RxDrain;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that parks until an interrupt wakes it, then drains the ring. With a platform thread, each
 * wake-up is an OS context switch (futex wake, scheduler latency) but the core is free while it waits; with
 * a virtual thread the JVM's scheduler mounts it on a carrier instead, cheaper in memory per waiter but a
 * second scheduler on top of the OS one (the seed's OS-threads vs green-threads trade-off).
 *
 * <p>Wake-up protocol: the interrupt path bumps a sequence and unparks only if the consumer said it parks;
 * the consumer announces parking, then re-checks the sequence, so no wake-up is lost (Dekker-style, both
 * sides volatile).
 */
public final class ParkingConsumer implements Consumer {

    /** Names in scenario files and output. */
    public static final String PLATFORM = "platform-thread";
    public static final String VIRTUAL = "virtual-thread";

    private final String name;
    private final Thread.Builder builder;
    private final ConsumerContext context;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicLong signals = new AtomicLong();
    private volatile boolean parked;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Thread thread;

    private ParkingConsumer(String name, Thread.Builder builder, ConsumerContext context) {
        this.name = name;
        this.builder = builder;
        this.context = context;
    }

    /** A platform (OS) thread that parks. */
    public static ParkingConsumer platform(ConsumerContext context) {
        return new ParkingConsumer(PLATFORM, Thread.ofPlatform().name("nicsim-" + PLATFORM), context);
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
    public void start() throws InterruptedException {
        thread = builder.start(this::run);
        ready.await();
    }

    private void run() {
        try (RxDrain drain = context.openDrain()) {
            ready.countDown();
            long seen = 0;
            while (true) {
                long current = signals.get();
                if (current != seen) {
                    seen = current;
                    drain.drain(context.clock().nanoTime());
                    continue;
                }
                if (!running) {
                    return;
                }
                parked = true;
                if (signals.get() == seen && running) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        } catch (Throwable t) {
            failure = t;
            ready.countDown();
        }
    }

    @Override
    public void onInterrupt(long raisedNanos, long deliveredNanos) {
        signals.incrementAndGet();
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join();
        ConsumerFailure.rethrow(name, failure);
    }
}
