package io.nicsim.host.consumer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A test's interrupt path: one thread that delivers the interrupts the test raises to the consumer (one
 * {@link Consumer#onInterrupt(int)} per interrupt, in order) and runs {@link Consumer#pollOnInterruptPath()} on every
 * turn, then {@link Consumer#closeOnInterruptPath()} when closed, as the real dispatcher's thread does.
 */
public final class InterruptPath implements AutoCloseable {

    private final Consumer consumer;
    private final AtomicLong raised = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    public InterruptPath(Consumer consumer) {
        this.consumer = consumer;
        this.thread = Thread.ofPlatform().name("test-irq-path").start(this::run);
    }

    /** Any thread: raise one interrupt. */
    public void interrupt() {
        raised.incrementAndGet();
    }

    private void run() {
        long delivered = 0;
        try {
            while (running) {
                long target = raised.get();
                while (delivered < target) {
                    consumer.onInterrupt(0);
                    delivered++;
                }
                if (consumer.pollOnInterruptPath() == 0 && delivered == raised.get()) {
                    Thread.onSpinWait();
                }
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            consumer.closeOnInterruptPath();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
        if (failure != null) {
            throw new AssertionError("interrupt path failed", failure);
        }
    }
}
