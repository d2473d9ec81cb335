package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.host.cost.KernelCalls;
import io.nicsim.host.kernel.Epoll;
import io.nicsim.host.kernel.EventFd;
import io.nicsim.host.kernel.ReadinessWait;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SignalWait} through the kernel, as a user-space driver waits for a device (VFIO's irqfd): the interrupt
 * path writes the RX queue's eventfd (one 8-byte write per interrupt), the consumer blocks in {@code epoll_wait} over
 * it and a stop eventfd, and reads the counter when it is readable. Every wake-up costs system calls on both sides
 * (write; epoll_wait, read), each counted exactly ({@link #calls()}); closing the epoll instance would not wake a
 * blocked thread, so {@link #stop()} writes the stop eventfd of the same set. Timed sleeps shorter than
 * {@value ParkingConsumer#SPIN_BELOW_NANOS} ns spin, longer ones are {@code epoll_pwait2} timeouts. The signal
 * sequence lives in user space beside the eventfd, so a stale count in the eventfd (an interrupt the consumer already
 * polled for) costs a read, never a lost or a spurious signal. On a virtual thread each wait pins the carrier, timed
 * and counted in {@link CarrierPins}.
 */
public final class IrqFdWait implements SignalWait, AutoCloseable {

    /** The token of the RX queue's eventfd in the epoll set. */
    static final long IRQ = 0;
    /** The token of the stop eventfd. */
    static final long STOP = 1;
    private static final long NOT_PINNED = Long.MIN_VALUE;

    private final NanoClock clock;
    private final ReadinessWait ready;
    private final EventFd irq;
    private final EventFd stopFd;
    private final AutoCloseable readyOwner;
    private final CarrierPins pins;
    private final AtomicLong signals = new AtomicLong();
    private final AtomicLong pinnedNanos = new AtomicLong();
    private volatile long pinnedSinceNanos = NOT_PINNED;
    private volatile boolean running = true;
    private boolean onVirtual;

    /**
     * @param ready      the wait over {@code irq} (token {@link #IRQ}) and {@code stop} (token {@link #STOP})
     * @param readyOwner closed with the wait (the epoll instance), or null
     * @param pins       where waits on a virtual thread count as pinned carriers
     */
    IrqFdWait(NanoClock clock, ReadinessWait ready, AutoCloseable readyOwner, EventFd irq, EventFd stop,
              CarrierPins pins) {
        this.clock = clock;
        this.ready = ready;
        this.readyOwner = readyOwner;
        this.irq = irq;
        this.stopFd = stop;
        this.pins = pins;
    }

    /**
     * Opens the eventfds and the epoll set in {@code arena}, which must outlive the wait.
     *
     * @throws io.nicsim.host.kernel.KernelCallException when the kernel refuses (EMFILE: the file limit)
     */
    public static IrqFdWait open(NanoClock clock, Arena arena, CarrierPins pins) {
        EventFd irq = EventFd.open(arena, false);
        EventFd stop = null;
        Epoll epoll = null;
        try {
            stop = EventFd.open(arena, false);
            epoll = Epoll.open(arena, 2);
            epoll.add(irq.fd(), IRQ);
            epoll.add(stop.fd(), STOP);
            return new IrqFdWait(clock, epoll, epoll, irq, stop, pins);
        } catch (RuntimeException e) {
            irq.close();
            if (stop != null) {
                stop.close();
            }
            if (epoll != null) {
                epoll.close();
            }
            throw e;
        }
    }

    @Override
    public void bind() {
        onVirtual = Thread.currentThread().isVirtual();
    }

    @Override
    public void signal() {
        signals.incrementAndGet();
        irq.add(1);
    }

    @Override
    public long signals() {
        return signals.get();
    }

    @Override
    public long awaitSignal(long seen, long deadlineNanos) {
        while (true) {
            long signal = signals.get();
            if (signal != seen || !running) {
                return signal;
            }
            long timeoutNanos = ReadinessWait.FOREVER;
            if (deadlineNanos != Long.MAX_VALUE) {
                timeoutNanos = deadlineNanos - clock.nanoTime();
                if (timeoutNanos <= 0) {
                    return signal;
                }
            }
            block(timeoutNanos);
        }
    }

    @Override
    public long sleepUntil(long deadlineNanos) {
        long now = clock.nanoTime();
        while (now < deadlineNanos && running) {
            long remainingNanos = deadlineNanos - now;
            if (remainingNanos < ParkingConsumer.SPIN_BELOW_NANOS) {
                Thread.onSpinWait();
            } else {
                block(remainingNanos);
            }
            now = clock.nanoTime();
        }
        return now;
    }

    /** One wait in the kernel; a readable RX queue eventfd is read (cleared), a readable stop eventfd left set. */
    private void block(long timeoutNanos) {
        int count;
        if (onVirtual && pins != null) {
            pins.enter();
            long since = clock.nanoTime();
            pinnedSinceNanos = since;
            try {
                count = ready.await(timeoutNanos);
            } finally {
                pinnedSinceNanos = NOT_PINNED;
                pinnedNanos.addAndGet(clock.nanoTime() - since);
                pins.exit();
            }
        } else {
            count = ready.await(timeoutNanos);
        }
        for (int i = 0; i < count; i++) {
            if (ready.readyToken(i) == IRQ) {
                irq.take();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        stopFd.add(1);
    }

    @Override
    public boolean running() {
        return running;
    }

    /** @return the system calls made so far (any thread): waits, eventfd reads, the interrupt path's writes */
    public KernelCalls calls() {
        long since = pinnedSinceNanos;
        long pinned = pinnedNanos.get() + (since == NOT_PINNED ? 0 : Math.max(0, clock.nanoTime() - since));
        return new KernelCalls(ready.waits(), irq.reads() + stopFd.reads(), irq.writes(), pinned,
                pins == null ? 0 : pins.peak());
    }

    /** Closes the epoll set and both eventfds; call once no thread waits or signals. */
    @Override
    public void close() throws Exception {
        try {
            if (readyOwner != null) {
                readyOwner.close();
            }
        } finally {
            irq.close();
            stopFd.close();
        }
    }
}
