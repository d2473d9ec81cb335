package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link SignalWait} that parks the consumer's thread ({@link LockSupport#park}: a futex under a platform thread, an
 * unmount from its carrier under a virtual one) and unparks it on a signal, but only if it said it parks: the
 * consumer announces parking, then re-checks the sequence, so no wake-up is lost (Dekker-style, both sides volatile);
 * a signal to a running consumer costs one volatile read. Timed sleeps shorter than
 * {@value ParkingConsumer#SPIN_BELOW_NANOS} ns spin, as DPDK's {@code rte_delay_us} does; longer ones park (and pay
 * the OS timer slack, about 50 µs on Linux).
 */
public final class ParkWait implements SignalWait {

    private final NanoClock clock;
    private final AtomicLong signals = new AtomicLong();
    private volatile boolean parked;
    private volatile boolean running = true;
    private volatile Thread thread;

    public ParkWait(NanoClock clock) {
        this.clock = clock;
    }

    @Override
    public void bind() {
        thread = Thread.currentThread();
    }

    @Override
    public void signal() {
        signals.incrementAndGet();
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public long signals() {
        return signals.get();
    }

    @Override
    public long awaitSignal(long seen, long deadlineNanos) {
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

    @Override
    public long sleepUntil(long deadlineNanos) {
        long now = clock.nanoTime();
        while (now < deadlineNanos && running) {
            long remainingNanos = deadlineNanos - now;
            if (remainingNanos < ParkingConsumer.SPIN_BELOW_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, remainingNanos);
            }
            now = clock.nanoTime();
        }
        return now;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public boolean running() {
        return running;
    }
}
