package io.nicsim.host.consumer;

import io.nicsim.firmware.clock.NanoClock;
import io.nicsim.firmware.driver.DriverPolicy;
import io.nicsim.host.rx.RxQueue;

/**
 * A driver policy run on a consumer's own thread until its wait stops: wait for a signal, poll with a budget, then do
 * what the policy says (poll again, sleep on a timer, wait for the interrupt, re-arm it and wait, with or without a
 * deadline). How the thread sleeps is the {@link SignalWait}'s: a park, or {@code epoll_wait} on an eventfd.
 */
public final class DriverLoop {

    private DriverLoop() {
    }

    /** Runs {@code driver} over {@code rx} until {@code wait} stops; on the consumer's thread. */
    public static void run(RxQueue rx, DriverPolicy driver, SignalWait wait, NanoClock clock) {
        long seen = 0;
        boolean polling = driver.startsPolling();
        long wokenNanos = RxQueue.NOT_WOKEN;
        while (wait.running()) {
            if (!polling) {
                long signal = wait.awaitSignal(seen, Long.MAX_VALUE);
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
                case POLL_AT -> wokenNanos = wait.sleepUntil(driver.wakeAtNanos());
                case WAIT_INTERRUPT -> polling = false;
                case REARM_AND_WAIT_INTERRUPT -> {
                    seen = wait.signals(); // earlier signals are stale: the re-arm itself raises if packets wait
                    rx.rearm();
                    polling = false;
                }
                case REARM_AND_WAIT_INTERRUPT_UNTIL -> {
                    seen = wait.signals();
                    rx.rearm();
                    long signal = wait.awaitSignal(seen, driver.wakeAtNanos());
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
}
