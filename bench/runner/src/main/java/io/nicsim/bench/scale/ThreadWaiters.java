package io.nicsim.bench.scale;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread per waiting consumer, parked with {@link LockSupport#park}: platform threads (an OS thread, its
 * stack and a kernel task each) or virtual threads (a continuation on the heap, unmounted while parked).
 */
final class ThreadWaiters implements Waiters {

    private final boolean virtual;
    private Thread[] threads;
    private AtomicLongArray woken;
    private volatile boolean closing;
    private int created;
    private String stopReason;

    ThreadWaiters(boolean virtual) {
        this.virtual = virtual;
    }

    @Override
    public int create(int count) throws InterruptedException {
        threads = new Thread[count];
        woken = new AtomicLongArray(count);
        CountDownLatch parked = new CountDownLatch(count);
        Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon(true);
        for (int i = 0; i < count; i++) {
            int index = i;
            try {
                threads[i] = builder.start(() -> waitForPacket(index, parked));
                created++;
            } catch (OutOfMemoryError | IllegalStateException e) {
                stopReason = e.getClass().getSimpleName() + ": " + e.getMessage();
                for (int rest = i; rest < count; rest++) {
                    parked.countDown();
                }
                break;
            }
        }
        if (!parked.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("consumers did not all park within 5 minutes");
        }
        return created;
    }

    private void waitForPacket(int index, CountDownLatch parked) {
        parked.countDown();
        while (!closing) {
            if (woken.get(index) == -1) {
                woken.set(index, System.nanoTime()); // handled its packet: back to waiting for the next
            }
            LockSupport.park(this);
        }
    }

    @Override
    public String stopReason() {
        return stopReason;
    }

    @Override
    public void wake(int index) {
        woken.set(index, -1);
        LockSupport.unpark(threads[index]);
    }

    @Override
    public long wokenNanos(int index) {
        long value = woken.get(index);
        return value == -1 ? 0 : value;
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        for (int i = 0; i < created; i++) {
            LockSupport.unpark(threads[i]);
        }
        for (int i = 0; i < created; i++) {
            threads[i].join(10_000);
        }
    }
}
