package io.nicsim.host.consumer;

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
public final class ParkingConsumer extends DriverThread {

    /** Names in scenario files and output. */
    public static final String PLATFORM = "platform-thread";
    public static final String VIRTUAL = "virtual-thread";

    /** Timed sleeps shorter than this spin instead of parking. */
    public static final long SPIN_BELOW_NANOS = 10_000;

    private final ConsumerContext context;
    private final ParkWait wait;

    private ParkingConsumer(String name, Thread.Builder builder, ConsumerContext context) {
        super(name, name.equals(VIRTUAL), builder);
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
    public String waitsBy() {
        return "park";
    }

    @Override
    public void start() throws InterruptedException {
        start(NO_TASK);
    }

    @Override
    public void start(Runnable onOwnThread) throws InterruptedException {
        startThread(onOwnThread, wait, context);
    }

    @Override
    public void onInterrupt() {
        wait.signal();
    }

    @Override
    public void stop() throws InterruptedException {
        wait.stop();
        StopWait.join(context.handling(), thread());
        rethrowFailure();
    }
}
