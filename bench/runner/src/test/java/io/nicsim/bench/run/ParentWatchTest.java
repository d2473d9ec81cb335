package io.nicsim.bench.run;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The parent watch of {@code nicsim run --exit-with-parent}: nothing while the parent lives, one stop when gone. */
@Tag("run")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParentWatchTest {

    @Test
    void itActsOnceWhenTheParentIsGoneAndNotBefore() throws Exception {
        AtomicBoolean alive = new AtomicBoolean(true);
        AtomicInteger looks = new AtomicInteger();
        CountDownLatch gone = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Thread watch = ParentWatch.watch(() -> {
            looks.incrementAndGet();
            return alive.get();
        }, () -> {
            calls.incrementAndGet();
            gone.countDown();
        });
        while (looks.get() < 3) {
            Thread.sleep(10);
        }
        assertThat(gone.getCount()).as("no stop while the parent lives").isOne();
        alive.set(false);
        assertThat(gone.await(10, TimeUnit.SECONDS)).isTrue();
        watch.join(10_000);
        assertThat(watch.isAlive()).isFalse();
        assertThat(calls.get()).isOne();
        assertThat(watch.isDaemon()).as("it never keeps a finished run alive").isTrue();
    }
}
