package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of a {@link SignalWait}, on real threads: a signal sent while the consumer blocks wakes it, one sent
 * before it waits is not lost, a deadline ends a wait that no signal ends, a timed sleep lasts until its deadline, and
 * a stop ends a wait for good. The only time bound is a liveness limit.
 */
final class SignalWaitContract {

    private static final NanoClock CLOCK = System::nanoTime;
    private static final long LIVENESS_SECONDS = 20;

    private SignalWaitContract() {
    }

    static void verify(Function<NanoClock, SignalWait> factory) throws Exception {
        aSignalWakesABlockedWaitAndOneSentEarlierIsNotLost(factory.apply(CLOCK));
        aDeadlineEndsAWaitAndASleepLastsUntilItsDeadline(factory.apply(CLOCK));
        aStopEndsAWaitForGood(factory.apply(CLOCK));
    }

    private static <T> CompletableFuture<T> onItsThread(SignalWait wait, java.util.function.Supplier<T> body) {
        return CompletableFuture.supplyAsync(() -> {
            wait.bind();
            return body.get();
        }, runnable -> Thread.ofPlatform().daemon(true).start(runnable));
    }

    private static void aSignalWakesABlockedWaitAndOneSentEarlierIsNotLost(SignalWait wait) throws Exception {
        CompletableFuture<Long> first = onItsThread(wait, () -> wait.awaitSignal(0, Long.MAX_VALUE));
        wait.signal();
        assertThat(first.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isEqualTo(1);

        wait.signal(); // before the consumer waits again
        CompletableFuture<Long> second = onItsThread(wait, () -> wait.awaitSignal(1, Long.MAX_VALUE));
        assertThat(second.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(wait.signals()).isEqualTo(2);
        wait.stop();
    }

    private static void aDeadlineEndsAWaitAndASleepLastsUntilItsDeadline(SignalWait wait) throws Exception {
        long deadline = CLOCK.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
        CompletableFuture<Long> timed = onItsThread(wait, () -> wait.awaitSignal(0, deadline));
        assertThat(timed.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).as("no signal: the sequence did not move").isZero();

        long wake = CLOCK.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        CompletableFuture<Long> slept = onItsThread(wait, () -> wait.sleepUntil(wake));
        assertThat(slept.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(wake);
        wait.stop();
    }

    private static void aStopEndsAWaitForGood(SignalWait wait) throws Exception {
        CompletableFuture<Long> blocked = onItsThread(wait, () -> wait.awaitSignal(0, Long.MAX_VALUE));
        wait.stop();
        assertThat(blocked.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).isZero();
        assertThat(wait.running()).isFalse();
        CompletableFuture<Long> after = onItsThread(wait, () -> wait.awaitSignal(0, Long.MAX_VALUE));
        assertThat(after.get(LIVENESS_SECONDS, TimeUnit.SECONDS)).as("returns at once once stopped").isZero();
    }
}
