package io.nicsim.nic.queue;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How nicsim's queues are opened: a virtual thread waiting for a queue's write lock parks (gives its carrier back)
 * instead of yielding, so waiters on every carrier cannot starve an unmounted holder (Chronicle's default pauser
 * yields, and a yielding virtual thread can be run again at once: a 15 s lock timeout in a multi-queue run).
 */
class ChronicleQueuesTest {

    private static final long OBSERVE_FOR_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aVirtualThreadWaitingForTheWriteLockParks(@TempDir Path dir) throws Exception {
        try (ChronicleQueue queue = ChronicleQueues.open(dir.resolve("q"))) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread holder = Thread.ofPlatform().start(() -> writeOne(queue, 1, () -> {
                holding.countDown();
                await(release);
            }, failure));
            holding.await();
            Thread waiter = Thread.ofVirtual().start(() -> writeOne(queue, 2, () -> { }, failure));

            boolean parked = false;
            for (long start = System.nanoTime(); !parked && System.nanoTime() - start < OBSERVE_FOR_NANOS; ) {
                parked = waiter.getState() == Thread.State.TIMED_WAITING;
                Thread.onSpinWait();
            }
            release.countDown();
            holder.join();
            waiter.join();

            assertThat(parked).as("the waiter parked while the lock was held").isTrue();
            assertThat(failure.get()).isNull();
            assertThat(records(queue)).isEqualTo(2);
        }
    }

    private static void writeOne(ChronicleQueue queue, long value, Runnable whileHolding,
                                 AtomicReference<Throwable> failure) {
        try (ExcerptAppender appender = queue.createAppender();
             DocumentContext dc = appender.writingDocument()) {
            whileHolding.run();
            dc.wire().bytes().writeLong(value);
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long records(ChronicleQueue queue) {
        long records = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return records;
                    }
                    records++;
                }
            }
        }
    }
}
