package io.nicsim.host.consumer;

import io.nicsim.host.cost.KernelCalls;
import io.nicsim.host.kernel.Kernel;

import java.lang.foreign.Arena;

/**
 * One thread that sleeps in the kernel as a user-space driver sleeps for a real device: in {@code epoll_wait} on its
 * RX queue's eventfd, which the interrupt path writes once per interrupt (VFIO's irqfd), through the Foreign Function
 * &amp; Memory API ({@link IrqFdWait}); then it runs the driver policy as the parking consumer does
 * ({@link DriverLoop}). The kernel's own wake path, with its system calls on both sides counted exactly, against the
 * JVM's park (a futex) and an event loop's task hand-off. On a platform thread ({@value #PLATFORM}) that is all; on a
 * virtual thread ({@value #VIRTUAL}) each wait pins the carrier (a native frame cannot unmount), so a carrier per
 * waiting queue is lost to every other virtual thread: measured ({@link CarrierPins}), and refused when no carrier
 * would be left to run it. Linux only.
 */
public final class EpollConsumer extends DriverThread {

    /** Names in scenario files and output. */
    public static final String PLATFORM = "epoll-thread";
    public static final String VIRTUAL = "epoll-virtual-thread";

    private final ConsumerContext context;
    private final CarrierPins pins;
    private volatile IrqFdWait wait;
    private Arena arena;
    private boolean holdsCarrier;

    private EpollConsumer(String name, Thread.Builder builder, ConsumerContext context, CarrierPins pins) {
        super(name, name.equals(VIRTUAL), builder);
        this.context = context;
        this.pins = pins;
    }

    /** A platform (OS) thread in epoll_wait. */
    public static EpollConsumer platform(ConsumerContext context) {
        return new EpollConsumer(PLATFORM, Thread.ofPlatform().name("nicsim-" + PLATFORM).daemon(true), context,
                null);
    }

    /** A virtual thread in epoll_wait, pinning its carrier; {@code pins} is shared by the run's consumers. */
    public static EpollConsumer virtual(ConsumerContext context, CarrierPins pins) {
        return new EpollConsumer(VIRTUAL, Thread.ofVirtual().name("nicsim-" + VIRTUAL), context, pins);
    }

    @Override
    public String waitsBy() {
        return "epoll";
    }

    @Override
    public void start() throws Exception {
        start(NO_TASK);
    }

    @Override
    public void start(Runnable onOwnThread) throws Exception {
        Kernel.require();
        if (name().equals(VIRTUAL)) {
            CarrierPins.hold(name());
            holdsCarrier = true;
        }
        arena = Arena.ofShared();
        try {
            wait = IrqFdWait.open(context.clock(), arena, pins);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
        startThread(onOwnThread, wait, context);
    }

    @Override
    public void onInterrupt() {
        wait.signal();
    }

    @Override
    public KernelCalls kernelCalls() {
        IrqFdWait current = wait;
        return current == null ? KernelCalls.NONE : current.calls();
    }

    @Override
    public void stop() throws Exception {
        if (wait != null) {
            wait.stop();
        }
        StopWait.join(context.handling(), thread());
        if (thread() == null || !thread().isAlive()) {
            release(); // a thread left in a user's handler keeps its fds: it may still read them
        }
        rethrowFailure();
    }

    private void release() throws Exception {
        try {
            if (wait != null) {
                wait.close();
            }
        } finally {
            if (arena != null) {
                arena.close();
                arena = null;
            }
            if (holdsCarrier) {
                holdsCarrier = false;
                CarrierPins.release();
            }
        }
    }
}
