package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.rx.RxQueue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread that parks until an interrupt wakes it, then runs the driver policy (poll, poll again, sleep on a
 * timer, re-arm and park). With a platform thread, each wake-up is an OS context switch (futex wake, scheduler
 * latency) but the core is free while it waits; with a virtual thread the JVM's scheduler mounts it on a
 * carrier instead, cheaper in memory per waiter but a second scheduler on top of the OS one (the
 * OS-threads vs green-threads trade-off).
 *
 * <p>Wake-up protocol: the interrupt path bumps a sequence and unparks only if the consumer said it parks;
 * the consumer announces parking, then re-checks the sequence, so no wake-up is lost (Dekker-style, both
 * sides volatile). Timed sleeps shorter than {@value #SPIN_BELOW_NANOS} ns spin, as DPDK's
 * {@code rte_delay_us} does; longer ones park (and pay the OS timer slack, about 50 µs on Linux).
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
    private final NanoClock clock;
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
        this.clock = context.clock();
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
            first.run();
            try (RxQueue rx = context.openQueue()) {
                ready.countDown();
                driverLoop(rx, context.driver());
            }
        } catch (Throwable t) {
            failure = t;
            ready.countDown();
        }
    }

    private void driverLoop(RxQueue rx, DriverPolicy driver) {
        long seen = 0;
        boolean polling = driver.startsPolling();
        long wokenNanos = RxQueue.NOT_WOKEN;
        while (running) {
            if (!polling) {
                long signal = awaitSignal(seen, Long.MAX_VALUE);
                if (signal == seen) {
                    continue; // stopping
                }
                seen = signal;
                wokenNanos = clock.nanoTime();
                driver.onInterrupt(wokenNanos);
                polling = true;
            }
            int packets = rx.poll(driver.budget(), wokenNanos);
            switch (driver.afterPoll(packets, clock.nanoTime())) {
                case POLL_NOW -> {
                }
                case POLL_AT -> wokenNanos = sleepUntil(driver.wakeAtNanos());
                case WAIT_INTERRUPT -> polling = false;
                case REARM_AND_WAIT_INTERRUPT -> {
                    seen = signals.get(); // earlier signals are stale: the re-arm itself raises if packets wait
                    rx.rearm();
                    polling = false;
                }
                case REARM_AND_WAIT_INTERRUPT_UNTIL -> {
                    seen = signals.get();
                    rx.rearm();
                    long signal = awaitSignal(seen, driver.wakeAtNanos());
                    rx.disarm();
                    wokenNanos = clock.nanoTime();
                    if (signal != seen) {
                        seen = signal;
                        driver.onInterrupt(wokenNanos);
                    }
                }
            }
        }
    }

    /** Parks until the signal sequence moves past {@code seen}, the deadline passes, or the consumer stops. */
    private long awaitSignal(long seen, long deadlineNanos) {
        while (true) {
            long signal = signals.get();
            long remainingNanos = deadlineNanos - clock.nanoTime();
            if (signal != seen || !running || remainingNanos <= 0) {
                return signal;
            }
            parked = true;
            if (signals.get() == seen && running) {
                if (deadlineNanos == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, remainingNanos);
                }
            }
            parked = false;
        }
    }

    /** Sleeps until {@code deadlineNanos} (or the consumer stops); returns the time it woke. */
    private long sleepUntil(long deadlineNanos) {
        long now = clock.nanoTime();
        while (now < deadlineNanos && running) {
            long remainingNanos = deadlineNanos - now;
            if (remainingNanos < SPIN_BELOW_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, remainingNanos);
            }
            now = clock.nanoTime();
        }
        return now;
    }

    @Override
    public void onInterrupt() {
        signals.incrementAndGet();
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        StopWait.join(context.handling(), thread);
        ConsumerFailure.rethrow(name, failure);
    }
}
